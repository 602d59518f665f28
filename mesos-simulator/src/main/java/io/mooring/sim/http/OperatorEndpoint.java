package io.mooring.sim.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mooring.mesos.MediaTypes;
import io.mooring.sim.master.Master;
import io.mooring.sim.master.OperatorResult;
import java.io.IOException;
import org.apache.mesos.v1.master.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** POST /api/v1: the master's operator API. */
final class OperatorEndpoint implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(OperatorEndpoint.class);

  private final Master master;

  OperatorEndpoint(Master master) {
    this.master = master;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      Exchanges.pause(master.latencyMillis());
      if (Exchanges.redirected(exchange, master, "/api/v1")) return;
      if (master.recovering()) {
        Exchanges.text(exchange, 503, "Master has not finished recovery");
        return;
      }
      Envelope<Call> envelope = Envelope.read(exchange, Call.getDefaultInstance(), "master::Call");
      if (envelope == null) return;
      String invalid = validate(envelope.call);
      if (invalid != null) {
        Exchanges.text(exchange, 400, "Failed to validate master::Call: " + invalid);
        return;
      }
      MediaTypes.Encoding accept = Envelope.accept(exchange);
      if (accept == null) return;
      OperatorResult result = master.operatorCall(envelope.call);
      if (result.response() != null) {
        Exchanges.send(exchange, 200, accept.mediaType, Envelope.encode(result.response(), accept));
      } else {
        Exchanges.text(exchange, result.reply().status(), result.reply().body());
      }
    } catch (RuntimeException e) {
      log.error("Operator call failed", e);
      Exchanges.text(exchange, 500, String.valueOf(e.getMessage()));
    }
  }

  /** validation::master::call::validate: the type and the sub-message it needs. */
  private static String validate(Call call) {
    if (!call.hasType()) return "Expecting 'type' to be present";
    return switch (call.getType()) {
      case RESERVE_RESOURCES -> call.hasReserveResources() ? null : "Expecting 'reserve_resources' to be present";
      case UNRESERVE_RESOURCES -> call.hasUnreserveResources() ? null : "Expecting 'unreserve_resources' to be present";
      case CREATE_VOLUMES -> call.hasCreateVolumes() ? null : "Expecting 'create_volumes' to be present";
      case DESTROY_VOLUMES -> call.hasDestroyVolumes() ? null : "Expecting 'destroy_volumes' to be present";
      case MARK_AGENT_GONE -> call.hasMarkAgentGone() ? null : "Expecting 'mark_agent_gone' to be present";
      case TEARDOWN -> call.hasTeardown() ? null : "Expecting 'teardown' to be present";
      default -> null;
    };
  }
}
