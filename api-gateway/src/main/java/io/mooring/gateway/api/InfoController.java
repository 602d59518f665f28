package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mooring.gateway.client.OfferClient;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.FrameworkInfo;
import java.net.InetSocketAddress;
import java.time.Duration;

/** {@code /v2/info} and {@code /ping}: what Marathon clients ask before anything else. */
@Controller
public class InfoController {
  private final OfferClient offers;
  private final String role;
  private final String principal;
  private final Duration taskReservationTimeout;

  public InfoController(OfferClient offers, @Value("${mooring.mesos.role:mooring}") String role,
      @Value("${mooring.mesos.principal:mooring}") String principal,
      @Value("${mooring.task-reservation-timeout:20s}") Duration taskReservationTimeout) {
    this.offers = offers;
    this.role = role;
    this.principal = principal;
    this.taskReservationTimeout = taskReservationTimeout;
  }

  @Get("/ping")
  @Produces(MediaType.TEXT_PLAIN)
  public String ping() {
    return "pong";
  }

  /**
   * Every gateway answers as the leader: the services behind it elect their own leaders. The framework is as
   * offer-service registered it with Mesos; while offer-service is unavailable (or not yet registered) the
   * framework id is null and the configuration is the gateway's own.
   */
  @Get("/v2/info")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<String> info(HttpRequest<?> request) {
    InetSocketAddress server = request.getServerAddress();
    FrameworkInfo framework = offers.frameworkInfo().orElse(FrameworkInfo.getDefaultInstance());
    ObjectNode json = MarathonJson.MAPPER.createObjectNode()
        .put("name", "mooring")
        .put("version", "0.1.0")
        .put("elected", true)
        .put("leader", server.getHostString() + ":" + server.getPort())
        .put("frameworkId", orNull(framework.getFrameworkId()));
    ObjectNode config = json.putObject("marathon_config")
        .put("mesos_role", or(framework.getRole(), role))
        .put("mesos_authentication_principal", or(framework.getPrincipal(), principal))
        .put("task_reservation_timeout", framework.getTaskReservationTimeoutMillis() > 0
            ? framework.getTaskReservationTimeoutMillis() : taskReservationTimeout.toMillis())
        .put("mesos_master_url", orNull(framework.getMesosMaster()));
    if (framework.getDeclineOfferDurationMillis() > 0) {
      config.put("decline_offer_duration", framework.getDeclineOfferDurationMillis());
    }
    json.putObject("http_config").put("http_port", server.getPort());
    return JsonResponses.ok(json);
  }

  private static String or(String value, String otherwise) {
    return value.isEmpty() ? otherwise : value;
  }

  private static String orNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
