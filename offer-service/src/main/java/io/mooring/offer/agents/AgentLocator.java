package io.mooring.offer.agents;

import io.micronaut.context.annotation.Requires;
import io.mooring.mesos.OperatorHttp;
import io.mooring.offer.OfferSettings;
import io.mooring.runtime.grpc.Errors;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.mesos.v1.master.Protos.Response.GetAgents;

/**
 * Where an agent listens: from its offers, else from the master. An agent fully taken by running tasks is never
 * offered, and a process that is not the leader sees no offers at all, so a miss asks GET_AGENTS, whose answer (every
 * agent, with all its resources) is large: at most once per {@link #LOOKUP_INTERVAL}, one caller at a time, and a
 * miss within the interval is answered from what the last look-up learnt.
 */
@Requires(env = "offer-service")
@Singleton
public class AgentLocator {
  static final Duration LOOKUP_INTERVAL = Duration.ofSeconds(5);
  private static final Duration MASTER_TIMEOUT = Duration.ofSeconds(5);

  /** The master's registered agents, or why it could not be asked. */
  interface Master {
    GetAgents agents() throws IOException;
  }

  private final AgentDirectory directory;
  private final Master master;
  private final LongSupplier nanoClock;
  private long lastLookup;
  private boolean lookedUp;
  private String lastFailure;

  @Inject
  public AgentLocator(AgentDirectory directory, OfferSettings settings) {
    this(directory, new MasterAgents(URI.create(settings.master()), settings.principal(), settings.secret(),
        MASTER_TIMEOUT)::get, System::nanoTime);
  }

  AgentLocator(AgentDirectory directory, Master master, LongSupplier nanoClock) {
    this.directory = directory;
    this.master = master;
    this.nanoClock = nanoClock;
  }

  /** The agent's base URL; NOT_FOUND when the master does not know it, UNAVAILABLE when it cannot be asked. */
  public String url(String agentId) {
    Optional<String> known = directory.url(agentId);
    if (known.isPresent()) return known.get();
    lookUp();
    return directory.url(agentId).orElseThrow(() ->
        Errors.notFound("Agent '" + agentId + "' is not registered with the Mesos master"));
  }

  private synchronized void lookUp() {
    long now = nanoClock.getAsLong();
    if (lookedUp && now - lastLookup < LOOKUP_INTERVAL.toNanos()) {
      if (lastFailure != null) throw Errors.unavailable(lastFailure);
      return;
    }
    lookedUp = true;
    lastLookup = now;
    try {
      directory.learned(master.agents());
      lastFailure = null;
    } catch (IOException e) {
      lastFailure = "The Mesos master cannot be asked where its agents are: " + OperatorHttp.describe(e);
      throw Errors.unavailable(lastFailure);
    }
  }
}
