package io.mooring.gc.mesos;

import static java.util.Objects.requireNonNull;

import io.mooring.mesos.MediaTypes;
import io.mooring.mesos.OperatorHttp;
import io.mooring.mesos.OperatorLeader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.protobuf.InvalidProtocolBufferException;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;

/**
 * The Mesos v1 operator API ({@code POST /api/v1} on the leading master) as volume-gc-service uses it. Thread-safe.
 * Writes never throw: their {@link Outcome} says whether to retry.
 */
public final class OperatorClient {
  /**
   * DESTROY's validation (validation.cpp) refuses a volume that a task uses, or that a task being launched asks for,
   * with a 400 before the master's 409 check is reached: to us that is a conflict, not a refusal.
   */
  private static final List<String> IN_USE = List.of("Persistent volumes in use", "Persistent volume in pending tasks");

  private final OperatorHttp http;

  /**
   * @param master a master's base URL, e.g. {@code http://127.0.0.1:5050}; a non-leader redirects us to the leader
   * @param principal sent with basic auth when the secret is not empty
   * @param secret "" for no authentication
   * @param timeout how long one call may take, redirects included
   */
  public OperatorClient(URI master, String principal, String secret, Duration timeout) {
    requireNonNull(master, "master");
    requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be > 0");
    http = new OperatorHttp(new OperatorLeader(master), principal == null ? "" : principal, secret == null ? "" : secret,
        timeout);
  }

  /** GET_AGENTS: {@code total_resources} holds each agent's reservations and volumes. */
  public Response.GetAgents getAgents() throws OperatorException {
    return read(Call.newBuilder().setType(Call.Type.GET_AGENTS).build(), Response.Type.GET_AGENTS).getGetAgents();
  }

  /** DESTROY_VOLUMES: the volumes' data is deleted; their disk stays reserved. */
  public Outcome destroyVolumes(String agentId, List<Resource> volumes) {
    return write(Call.newBuilder().setType(Call.Type.DESTROY_VOLUMES).setDestroyVolumes(Call.DestroyVolumes
        .newBuilder().setAgentId(agent(agentId)).addAllVolumes(volumes)).build());
  }

  /** UNRESERVE_RESOURCES: pops the last reservation of each resource; volumes must be destroyed first. */
  public Outcome unreserveResources(String agentId, List<Resource> resources) {
    return write(Call.newBuilder().setType(Call.Type.UNRESERVE_RESOURCES).setUnreserveResources(Call
        .UnreserveResources.newBuilder().setAgentId(agent(agentId)).addAllResources(resources)).build());
  }

  /** A synchronous call: a 200 with a Response of the expected type, else why not. */
  Response read(Call call, Response.Type expected) throws OperatorException {
    String what = call.getType() + " at " + http.endpoint();
    HttpResponse<byte[]> response;
    try {
      response = http.post(call);
    } catch (IOException e) {
      throw new OperatorException(what + ": " + OperatorHttp.describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperatorException(what + ": interrupted", e);
    }
    what = call.getType() + " at " + response.uri();
    if (response.statusCode() != 200) {
      throw new OperatorException((what + ": HTTP " + response.statusCode() + " " + text(response.body())).strip());
    }
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    if (!contentType.equals(MediaTypes.PROTOBUF)) {
      throw new OperatorException(what + ": 200 with Content-Type '" + contentType + "'");
    }
    try {
      Response parsed = Response.parseFrom(response.body());
      if (parsed.getType() != expected) throw new OperatorException(what + ": a " + parsed.getType() + " response");
      return parsed;
    } catch (InvalidProtocolBufferException e) {
      throw new OperatorException(what + ": unparsable response: " + e.getMessage(), e);
    }
  }

  /** A reservation or volume write: Mesos answers 202 with an empty body once it has applied it. */
  Outcome write(Call call) {
    HttpResponse<byte[]> response;
    try {
      response = http.post(call);
    } catch (IOException e) {
      return new Outcome.Unknown(call.getType() + " at " + http.endpoint() + ": " + OperatorHttp.describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.Unknown(call.getType() + ": interrupted");
    }
    int status = response.statusCode();
    String message = text(response.body());
    if (status == 202) return new Outcome.Accepted();
    if (status == 409 || status == 400 && IN_USE.stream().anyMatch(message::contains)) {
      return new Outcome.Conflict(message);
    }
    if (status == 307) {
      return new Outcome.Unavailable("no leader within " + OperatorHttp.MAX_HOPS + " redirects; last from "
          + response.uri() + " to " + response.headers().firstValue("Location").orElse("nowhere"));
    }
    if (status >= 400 && status < 500) return new Outcome.Refused(status, message);
    if (status >= 500) return new Outcome.Unavailable(("HTTP " + status + " " + message).strip());
    return new Outcome.Unknown(("unexpected HTTP " + status + " " + message).strip());
  }

  private static AgentID agent(String agentId) {
    return AgentID.newBuilder().setValue(agentId).build();
  }

  /** An error body for a log line: one line, short. */
  private static String text(byte[] body) {
    String line = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
    return line.length() <= 300 ? line : line.substring(0, 300) + "...";
  }
}
