package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mooring.gateway.client.OfferClient;
import io.mooring.gateway.error.MarathonError;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.FrameworkInfo;
import io.mooring.proto.v1.Violation;
import io.mooring.runtime.grpc.Errors;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v2/info}, {@code /v2/leader} and {@code /ping}: what Marathon clients ask before anything else; and
 * {@code DELETE /v2/leader}, which makes offer-service's leader abdicate.
 */
@Controller
public class InfoController {
  /** The Marathon API this gateway speaks, which is what clients look at {@code version} for. */
  private static final String MARATHON_VERSION = "1.11.0";

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

  /** {@code pong} for any Accept header, as Marathon answers it. */
  @Get("/ping")
  @Produces(MediaType.ALL)
  public HttpResponse<String> ping() {
    return HttpResponse.ok("pong").contentType(MediaType.TEXT_PLAIN_TYPE);
  }

  /** Every gateway answers as the leader: the services behind it elect their own leaders. */
  @Get("/v2/leader")
  public HttpResponse<String> leader(HttpRequest<?> request) {
    return JsonResponses.ok(MarathonJson.MAPPER.createObjectNode().put("leader", self(request)));
  }

  /**
   * The elected offer-service abdicates, so that a standby takes over (Marathon's process would exit instead); it
   * campaigns again after a pause. 404 "There is no leader" when none is elected. Marathon's {@code backup} and
   * {@code restore} name ZooKeeper state Mooring does not keep (etcd has its own snapshots): they are refused, since
   * abdicating without them would leave the client believing they were done.
   */
  @Delete("/v2/leader")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<String> abdicate(@Nullable @QueryValue String backup, @Nullable @QueryValue String restore) {
    List<Violation> refused = new ArrayList<>();
    if (backup != null) {
      refused.add(unsupported("/backup"));
    }
    if (restore != null) {
      refused.add(unsupported("/restore"));
    }
    if (!refused.isEmpty()) {
      throw Errors.invalid(refused);
    }
    offers.abdicate();
    return JsonResponses.ok(MarathonError.message("Leadership abdicated"));
  }

  /**
   * Marathon's keys and no others (strict clients such as marathon-python refuse any other): the framework as
   * offer-service registered it with Mesos, or while offer-service is unavailable (or not yet registered) a null
   * framework id and the gateway's own configuration. Settings Mooring has no counterpart for keep Marathon's
   * defaults, and Mooring keeps no ZooKeeper: {@code zookeeper_config.zk} is null.
   */
  @Get("/v2/info")
  @ExecuteOn(TaskExecutors.BLOCKING)
  public HttpResponse<String> info(HttpRequest<?> request) {
    FrameworkInfo framework = offers.frameworkInfo().orElse(FrameworkInfo.getDefaultInstance());
    ObjectNode json = MarathonJson.MAPPER.createObjectNode()
        .put("name", "mooring")
        .put("version", MARATHON_VERSION)
        .put("buildref", "mooring-0.1.0")
        .put("elected", true)
        .put("leader", self(request))
        .put("frameworkId", orNull(framework.getFrameworkId()));
    String master = orNull(framework.getMesosMaster());
    ObjectNode config = json.putObject("marathon_config")
        .putNull("access_control_allow_origin")
        .put("checkpoint", true)
        .put("decline_offer_duration", or(framework.getDeclineOfferDurationMillis(), 120_000))
        .putNull("default_network_name")
        .putNull("env_vars_prefix")
        .put("executor", "//cmd")
        .put("failover_timeout", or(framework.getFailoverTimeoutSeconds(), 604_800))
        .put("framework_name", or(framework.getFrameworkName(), "mooring"));
    config.putArray("features");
    config.put("ha", true)
        .put("hostname", request.getServerAddress().getHostString())
        .put("launch_token", 100)
        .put("launch_token_refresh_interval", 30_000)
        .put("leader_proxy_connection_timeout_ms", 5_000)
        .put("leader_proxy_read_timeout_ms", 10_000)
        .put("local_port_max", 20_000)
        .put("local_port_min", 10_000)
        .put("master", master)
        .put("max_instances_per_offer", or(framework.getMaxInstancesPerOffer(), 5))
        .put("mesos_bridge_name", "mesos-bridge")
        .put("mesos_heartbeat_failure_threshold", 5)
        .put("mesos_heartbeat_interval", 15_000)
        .put("mesos_leader_ui_url", master == null ? null : master.replaceAll("/*$", "/"))
        .put("mesos_role", or(framework.getRole(), role))
        .put("mesos_user", System.getProperty("user.name"))
        .put("new_group_enforce_role", "Off")
        .put("min_revive_offers_interval", 5_000)
        .put("offer_matching_timeout", 3_000)
        .put("on_elected_prepare_timeout", 180_000)
        .put("reconciliation_initial_delay", 15_000)
        .put("reconciliation_interval", 600_000)
        .put("scale_apps_initial_delay", 15_000)
        .put("scale_apps_interval", 300_000)
        .put("store_cache", true)
        .put("task_launch_confirm_timeout", 300_000)
        .put("task_launch_timeout", 300_000)
        .put("task_lost_expunge_initial_delay", 300_000)
        .put("task_lost_expunge_interval", 30_000)
        .put("task_reservation_timeout", or(framework.getTaskReservationTimeoutMillis(),
            taskReservationTimeout.toMillis()))
        .putNull("webui_url")
        .put("maintenance_mode", false);
    json.putObject("zookeeper_config")
        .putNull("zk")
        .put("zk_compression", true)
        .put("zk_compression_threshold", 65_536)
        .put("zk_connection_timeout", 10_000)
        .put("zk_max_node_size", 1_024_000)
        .put("zk_max_versions", 50)
        .put("zk_session_timeout", 10_000)
        .put("zk_timeout", 10_000);
    json.putObject("http_config").put("http_port", request.getServerAddress().getPort()).putNull("https_port");
    return JsonResponses.ok(json);
  }

  private static Violation unsupported(String path) {
    return Violation.newBuilder().setPath(path)
        .addErrors("not supported: Mooring keeps its state in etcd, which takes its own snapshots").build();
  }

  private static String self(HttpRequest<?> request) {
    InetSocketAddress server = request.getServerAddress();
    return server.getHostString() + ":" + server.getPort();
  }

  private static String or(String value, String otherwise) {
    return value.isEmpty() ? otherwise : value;
  }

  private static long or(long value, long otherwise) {
    return value > 0 ? value : otherwise;
  }

  private static String orNull(String value) {
    return value.isEmpty() ? null : value;
  }
}
