package io.mooring.offer.agents;

import io.mooring.mesos.MediaTypes;
import io.mooring.mesos.OperatorHttp;
import io.mooring.mesos.OperatorLeader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;
import org.apache.mesos.v1.master.Protos.Response.GetAgents;

/** The master's GET_AGENTS (operator API, protobuf, following the leader), for agents no offer has shown yet. */
final class MasterAgents {
  private static final Call GET_AGENTS = Call.newBuilder().setType(Call.Type.GET_AGENTS).build();

  private final OperatorHttp http;

  /** @param secret "" for no authentication */
  MasterAgents(URI master, String principal, String secret, Duration timeout) {
    this.http = new OperatorHttp(new OperatorLeader(master), principal, secret, timeout);
  }

  /** The registered agents; an IOException says why the master could not be asked. */
  GetAgents get() throws IOException {
    HttpResponse<byte[]> response;
    try {
      response = http.post(GET_AGENTS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() != 200) {
      String body = new String(response.body(), StandardCharsets.UTF_8).strip();
      throw new IOException("GET_AGENTS at " + response.uri() + ": HTTP " + response.statusCode()
          + (body.isEmpty() ? "" : " " + (body.length() > 200 ? body.substring(0, 200) + "..." : body)));
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (!type.equals(MediaTypes.PROTOBUF)) {
      throw new IOException("GET_AGENTS at " + response.uri() + ": 200 with Content-Type '" + type + "'");
    }
    Response parsed = Response.parseFrom(response.body());
    if (parsed.getType() != Response.Type.GET_AGENTS) {
      throw new IOException("GET_AGENTS at " + response.uri() + ": a " + parsed.getType() + " response");
    }
    return parsed.getGetAgents();
  }
}
