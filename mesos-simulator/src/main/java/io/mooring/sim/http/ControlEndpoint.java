package io.mooring.sim.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.mooring.sim.master.Faults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The control API under /sim: fault injection for tests (see the module README for every route). POST with an
 * optional JSON body; 200 with a JSON answer, 404 for an unknown agent, task or framework, 400 for a bad request.
 */
final class ControlEndpoint implements HttpHandler {
  private final Faults faults;

  ControlEndpoint(Faults faults) {
    this.faults = faults;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String[] path = exchange.getRequestURI().getPath().replaceAll("/+$", "").split("/");
    // path: "", "sim", resource, [id], [action]
    try {
      if (path.length == 3 && path[2].equals("agents") && exchange.getRequestMethod().equals("GET")) {
        JsonArray agents = new JsonArray();
        faults.agentIds().forEach(agents::add);
        JsonObject answer = new JsonObject();
        answer.add("agent_ids", agents);
        Exchanges.json(exchange, 200, answer.toString());
        return;
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        Exchanges.text(exchange, 405, "Expecting a 'POST' request");
        return;
      }
      JsonObject body = body(exchange);
      JsonObject answer = route(path, body);
      if (answer == null) Exchanges.text(exchange, 404, "No such simulator target: " + exchange.getRequestURI());
      else Exchanges.json(exchange, 200, answer.toString());
    } catch (IllegalArgumentException e) {
      Exchanges.text(exchange, 400, e.getMessage());
    }
  }

  private JsonObject route(String[] p, JsonObject body) {
    String resource = p.length > 2 ? p[2] : "";
    if (resource.equals("agents") && p.length == 5) return agent(p[3], p[4], body);
    if (resource.equals("tasks") && p.length == 5 && (p[4].equals("fail") || p[4].equals("finish"))) {
      String message = string(body, "message", p[4].equals("fail") ? "Failed by the simulator" : "Finished by the simulator");
      return ok(faults.endTask(p[3], p[4].equals("finish"), message));
    }
    if (resource.equals("frameworks") && p.length == 5 && p[4].equals("drop-stream")) return ok(faults.dropStream(p[3]));
    if (p.length != 4) return null;
    String action = p[3];
    switch (resource + "/" + action) {
      case "offers/rescind" -> {
        JsonObject answer = new JsonObject();
        answer.addProperty("rescinded", faults.rescindOffers(string(body, "framework_id", null)));
        return answer;
      }
      case "master/latency" -> faults.setLatency(Duration.ofMillis(number(body, "ms", 0)));
      case "master/drop-next-accept" -> faults.dropNextAccept();
      case "master/leader" -> faults.redirectTo(string(body, "redirect_to", null));
      case "master/heartbeats" -> faults.pauseHeartbeats(body.has("paused") && body.get("paused").getAsBoolean());
      case "master/failover" -> faults.failoverMaster(Duration.ofMillis(number(body, "recovery_ms", 0)),
          Duration.ofMillis(number(body, "reregister_ms", 0)),
          Duration.ofMillis(number(body, "reregister_timeout_ms", 600_000)));
      default -> {
        return null;
      }
    }
    return new JsonObject();
  }

  private JsonObject agent(String agentId, String action, JsonObject body) {
    return switch (action) {
      case "disconnect" -> ok(faults.disconnectAgent(agentId));
      case "reconnect" -> ok(faults.reconnectAgent(agentId));
      case "unreachable" -> ok(faults.makeUnreachable(agentId));
      case "gone" -> ok(faults.markGone(agentId));
      case "fail-next-operation" -> ok(faults.injectOperationFault(agentId, false));
      case "drop-next-operation" -> ok(faults.injectOperationFault(agentId, true));
      case "restart" -> {
        String id = faults.restartAgent(agentId, body.has("new_id") && body.get("new_id").getAsBoolean());
        if (id == null) yield null;
        JsonObject answer = new JsonObject();
        answer.addProperty("agent_id", id);
        yield answer;
      }
      default -> null;
    };
  }

  private static JsonObject ok(boolean found) {
    return found ? new JsonObject() : null;
  }

  private static JsonObject body(HttpExchange exchange) throws IOException {
    String text = new String(Exchanges.body(exchange), StandardCharsets.UTF_8);
    if (text.isBlank()) return new JsonObject();
    try {
      JsonElement parsed = JsonParser.parseString(text);
      if (!parsed.isJsonObject()) throw new IllegalArgumentException("Expecting a JSON object");
      return parsed.getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Malformed JSON body: " + e.getMessage());
    }
  }

  private static String string(JsonObject body, String key, String fallback) {
    return body.has(key) ? body.get(key).getAsString() : fallback;
  }

  private static long number(JsonObject body, String key, long fallback) {
    try {
      long value = body.has(key) ? body.get(key).getAsLong() : fallback;
      if (value < 0) throw new IllegalArgumentException("'" + key + "' must not be negative");
      return value;
    } catch (NumberFormatException | UnsupportedOperationException e) {
      throw new IllegalArgumentException("'" + key + "' must be a number");
    }
  }
}
