package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.mooring.gateway.json.MarathonJson;
import java.net.InetSocketAddress;
import java.time.Duration;

/** {@code /v2/info} and {@code /ping}: what Marathon clients ask before anything else. */
@Controller
public class InfoController {
  private final String role;
  private final String principal;
  private final Duration taskReservationTimeout;

  public InfoController(@Value("${mooring.mesos.role:mooring}") String role,
      @Value("${mooring.mesos.principal:mooring}") String principal,
      @Value("${mooring.task-reservation-timeout:20s}") Duration taskReservationTimeout) {
    this.role = role;
    this.principal = principal;
    this.taskReservationTimeout = taskReservationTimeout;
  }

  @Get("/ping")
  @Produces(MediaType.TEXT_PLAIN)
  public String ping() {
    return "pong";
  }

  /** Every gateway answers as the leader: the services behind it elect their own leaders. */
  @Get("/v2/info")
  public HttpResponse<String> info(HttpRequest<?> request) {
    InetSocketAddress server = request.getServerAddress();
    ObjectNode json = MarathonJson.MAPPER.createObjectNode()
        .put("name", "mooring")
        .put("version", "0.1.0")
        .put("elected", true)
        .put("leader", server.getHostString() + ":" + server.getPort())
        .putNull("frameworkId");  // offer-service knows it once it has registered with Mesos
    json.putObject("marathon_config")
        .put("mesos_role", role)
        .put("mesos_authentication_principal", principal)
        .put("task_reservation_timeout", taskReservationTimeout.toMillis());
    json.putObject("http_config").put("http_port", server.getPort());
    return JsonResponses.ok(json);
  }
}
