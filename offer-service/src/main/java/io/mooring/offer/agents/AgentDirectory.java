package io.mooring.offer.agents;

import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.master.Protos.Response.GetAgents;

/**
 * Agent id → the agent's base URL, as last seen in an offer or a GET_AGENTS answer. Offers pass through here on the
 * subscription's thread, so remembering one costs a string and a short lock; the map is bounded (least recently
 * used agents go first), since agents that re-register after a reboot come back under new ids.
 */
@Singleton
public class AgentDirectory {
  static final int MAX_AGENTS = 50_000;

  private final Map<String, String> urls;

  public AgentDirectory() {
    this(MAX_AGENTS);
  }

  AgentDirectory(int maxAgents) {
    urls = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
        return size() > maxAgents;
      }
    };
  }

  /** Remembers where the offer's agent listens (an offer without a url changes nothing). */
  public void offered(Offer offer) {
    if (offer.hasUrl()) AgentUrls.of(offer.getUrl()).ifPresent(url -> put(offer.getAgentId().getValue(), url));
  }

  /** Remembers every registered agent of a GET_AGENTS answer. */
  public void learned(GetAgents agents) {
    for (GetAgents.Agent agent : agents.getAgentsList()) {
      AgentUrls.of(agent).ifPresent(url -> put(agent.getAgentInfo().getId().getValue(), url));
    }
  }

  public synchronized Optional<String> url(String agentId) {
    return Optional.ofNullable(urls.get(agentId));
  }

  synchronized int size() {
    return urls.size();
  }

  private synchronized void put(String agentId, String url) {
    urls.put(agentId, url);
  }
}
