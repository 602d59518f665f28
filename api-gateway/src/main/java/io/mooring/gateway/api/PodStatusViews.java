package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.model.Timestamps;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.Resources;
import io.mooring.proto.v1.Task;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Marathon's PodStatus: the pod, its state, and the status of each of its instances. */
final class PodStatusViews {
  static final String STABLE = "STABLE";
  static final String DEGRADED = "DEGRADED";
  static final String UNREACHABLE_MESSAGE = "pod instance has become unreachable";
  static final String UNHEALTHY_MESSAGE = "at least one container is not healthy";

  private PodStatusViews() {}

  /**
   * The pod's status at {@code now}. As in Marathon it is STABLE when at least the wanted number of instances is
   * STABLE, else DEGRADED (TERMINAL only while a deleted pod is torn down, which a status can no longer ask about).
   * Since when: the latest change of an instance, else now.
   *
   * @param specAt the pod at the version an instance runs (the instance's resources and endpoints are that one's)
   */
  static ObjectNode pod(Pod pod, List<Instance> instances, Function<String, Pod> specAt, String now) {
    ArrayNode statuses = MarathonJson.MAPPER.createArrayNode();
    String since = null;
    int stable = 0;
    for (Instance instance : instances) {
      ObjectNode status = instance(specAt.apply(instance.getRunSpecVersion()), instance);
      statuses.add(status);
      stable += status.get("status").asText().equals(STABLE) ? 1 : 0;
      since = later(since, instance.getSince());
    }
    since = since == null ? now : since;
    ObjectNode json = MarathonJson.MAPPER.createObjectNode().put("id", pod.getId());
    json.set("spec", MarathonJson.print(pod));
    json.put("status", stable >= pod.getScaling().getInstances() ? STABLE : DEGRADED).put("statusSince", since);
    json.set("instances", statuses);
    json.putArray("terminationHistory");
    return json.put("lastUpdated", now).put("lastChanged", since);
  }

  /**
   * One PodInstanceStatus, against {@code spec}, the pod at the version the instance runs. A running instance with a
   * container that is not healthy (yet) is DEGRADED, as in Marathon.
   */
  static ObjectNode instance(Pod spec, Instance instance) {
    String status = status(InstanceViews.condition(instance), instance.getGoal());
    ArrayNode containers = MarathonJson.MAPPER.createArrayNode();
    instance.getTasksList().forEach(task -> containers.add(PodContainerViews.status(spec, instance, task)));
    String message = status.equals(DEGRADED) ? UNREACHABLE_MESSAGE : null;
    boolean unhealthy = false;
    for (JsonNode container : containers) {
      unhealthy |= PodContainerViews.unhealthy(container);
    }
    if (status.equals(STABLE) && unhealthy) {
      status = DEGRADED;
      message = UNHEALTHY_MESSAGE;
    }
    String since = instance.getSince();
    ObjectNode json = MarathonJson.MAPPER.createObjectNode()
        .put("id", instance.getInstanceId())
        .put("status", status)
        .put("statusSince", since);
    if (message != null) {
      json.put("message", message);
    }
    json.putArray("conditions");
    if (!instance.getReservation().getAgentId().isEmpty()) {
      json.put("agentHostname", instance.getReservation().getHostname())
          .put("agentId", instance.getReservation().getAgentId());
    }
    json.set("resources", PodContainerViews.resources(resources(spec, instance)));
    json.putArray("networks");
    json.set("containers", containers);
    json.put("specReference", "/v2/pods" + spec.getId() + "::versions/" + instance.getRunSpecVersion());
    json.set("localVolumes", TaskViews.localVolumes(instance));
    return json.put("lastUpdated", since).put("lastChanged", since).put("role", instance.getRole());
  }

  /**
   * Marathon's instance status by condition and goal. Waiting for an offer, or ended and to be relaunched: PENDING;
   * not to run any more (stopped or wiped), or being killed: TERMINAL; launched: STAGING; running: STABLE (unless a
   * container is not healthy, see {@link #instance}); partitioned: DEGRADED.
   */
  static String status(String condition, Goal goal) {
    boolean toRun = goal == Goal.RUNNING;
    return switch (condition) {
      case "Staging", "Starting" -> "STAGING";
      case "Running" -> STABLE;
      case "Unreachable" -> DEGRADED;
      case "Killing" -> "TERMINAL";
      default -> toRun ? "PENDING" : "TERMINAL";  // Scheduled, Provisioned and the terminal conditions
    };
  }

  /** What the instance holds: the executor's share and that of each container with an active task. */
  private static Resources resources(Pod spec, Instance instance) {
    Resources.Builder sum = Resources.newBuilder().setCpus(spec.getExecutorResources().getCpus())
        .setMem(spec.getExecutorResources().getMem()).setDisk(spec.getExecutorResources().getDisk()).setGpus(0);
    for (Task task : instance.getTasksList()) {
      Optional<Resources> container = PodContainerViews.resources(spec, instance, task);
      container.ifPresent(r -> sum.setCpus(sum.getCpus() + r.getCpus()).setMem(sum.getMem() + r.getMem())
          .setDisk(sum.getDisk() + r.getDisk()).setGpus(sum.getGpus() + r.getGpus()));
    }
    return sum.build();
  }

  /** The later of two timestamps, compared as instants where they parse. */
  private static String later(String current, String candidate) {
    if (candidate.isEmpty()) {
      return current;
    }
    return current == null ? candidate : instant(candidate).isAfter(instant(current)) ? candidate : current;
  }

  private static Instant instant(String timestamp) {
    return Timestamps.parse(timestamp).orElse(Instant.MIN);
  }
}
