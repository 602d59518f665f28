package io.mooring.sim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mooring.mesos.MediaTypes;
import io.mooring.sim.master.CallRules;
import io.mooring.sim.master.Master;
import io.mooring.sim.master.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.UUID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** POST /api/v1/scheduler, with the checks of the Mesos master in their order (http.cpp scheduler handler). */
final class SchedulerEndpoint implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(SchedulerEndpoint.class);

  private final Master master;
  private final BasicAuth auth;

  SchedulerEndpoint(Master master, BasicAuth auth) {
    this.master = master;
    this.auth = auth;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      serve(exchange);
    } catch (RuntimeException e) {
      log.error("Scheduler call failed", e);
      Exchanges.text(exchange, 500, String.valueOf(e.getMessage()));
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    Exchanges.pause(master.latencyMillis());
    String principal = null;
    if (auth.enabled()) {
      Optional<String> authenticated = auth.principal(exchange.getRequestHeaders().getFirst("Authorization"));
      if (authenticated.isEmpty()) {
        exchange.getResponseHeaders().set("WWW-Authenticate", BasicAuth.CHALLENGE);
        Exchanges.text(exchange, 401, "");
        return;
      }
      principal = authenticated.get();
    }
    if (Exchanges.redirected(exchange, master, "/api/v1/scheduler")) return;
    if (master.recovering()) {
      Exchanges.text(exchange, 503, "Master has not finished recovery");
      return;
    }
    Envelope<Call> envelope = Envelope.read(exchange, Call.getDefaultInstance(), "Call protobuf");
    if (envelope == null) return;
    Call call = envelope.call;
    Optional<String> invalid = CallRules.call(call);
    if (invalid.isEmpty() && principal != null && call.getType() == Call.Type.SUBSCRIBE
        && call.getSubscribe().getFrameworkInfo().hasPrincipal()
        && !principal.equals(call.getSubscribe().getFrameworkInfo().getPrincipal())) {
      invalid = Optional.of("Authenticated principal '" + principal + "' does not match principal '"
          + call.getSubscribe().getFrameworkInfo().getPrincipal() + "' set in `FrameworkInfo`");
    }
    if (invalid.isPresent()) {
      Exchanges.text(exchange, 400, "Failed to validate scheduler::Call: " + invalid.get());
      return;
    }
    if (call.getType() == Call.Type.SUBSCRIBE || call.getType() == Call.Type.RECONCILE_OPERATIONS) {
      MediaTypes.Encoding accept = Envelope.accept(exchange);
      if (accept == null) return;
      if (call.getType() == Call.Type.SUBSCRIBE) {
        subscribe(exchange, call, principal, accept);
        return;
      }
    }
    // UNKNOWN is answered 501 by the dispatch, after the framework and stream checks (http.cpp)
    Reply reply = master.schedulerCall(call, principal, exchange.getRequestHeaders().getFirst("Mesos-Stream-Id"));
    Exchanges.text(exchange, reply.status(), reply.body());
  }

  /** Opens the never-ending 200 and pumps events into it until the master or the client ends it. */
  private void subscribe(HttpExchange exchange, Call call, String principal, MediaTypes.Encoding encoding)
      throws IOException {
    if (exchange.getRequestHeaders().containsKey("Mesos-Stream-Id")) {
      Exchanges.text(exchange, 400, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
      return;
    }
    String streamId = UUID.randomUUID().toString();
    exchange.getResponseHeaders().set("Content-Type", encoding.mediaType);
    exchange.getResponseHeaders().set("Mesos-Stream-Id", streamId);
    exchange.sendResponseHeaders(200, 0);
    EventStream stream = new EventStream(encoding);
    String frameworkId;
    try {
      frameworkId = master.subscribe(call.getSubscribe(), principal, streamId, stream);
    } catch (RuntimeException e) {
      exchange.close(); // the 200 is already out; all that is left is to end the stream
      throw e;
    }
    try (OutputStream out = exchange.getResponseBody()) {
      stream.pump(out);
    } catch (IOException e) {
      log.info("Subscription stream of framework {} broke: {}", frameworkId, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
      if (frameworkId != null) master.streamClosed(frameworkId, stream);
    }
  }
}
