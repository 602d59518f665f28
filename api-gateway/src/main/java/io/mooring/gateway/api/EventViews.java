package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.model.PathIds;
import io.mooring.proto.v1.ChangeOrigin;
import io.mooring.proto.v1.DefinitionEvent;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceChange;
import io.mooring.proto.v1.LocalVolume;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.Task;
import io.mooring.proto.v1.UnknownTaskStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Marathon's API events, and Mooring's volume events, as the changes of definitions, deployments and instances make
 * them: pure functions of one change (with the record before it), so every gateway derives the same events.
 */
public final class EventViews {
  public static final String ATTACHED = "event_stream_attached";
  static final String DETACHED = "event_stream_detached";
  static final String STATUS_UPDATE = "status_update_event";
  static final String INSTANCE_CHANGED = "instance_changed_event";
  static final String API_POST = "api_post_event";
  static final String DEPLOYMENT_INFO = "deployment_info";
  static final String DEPLOYMENT_SUCCESS = "deployment_success";
  static final String DEPLOYMENT_FAILED = "deployment_failed";
  static final String STEP_SUCCESS = "deployment_step_success";
  static final String STEP_FAILURE = "deployment_step_failure";
  static final String APP_TERMINATED = "app_terminated_event";
  static final String POD_CREATED = "pod_created_event";
  static final String POD_UPDATED = "pod_updated_event";
  static final String POD_DELETED = "pod_deleted_event";
  static final String GROUP_CHANGE_SUCCESS = "group_change_success";
  static final String HEALTH_CHANGED = "health_status_changed_event";
  static final String UNKNOWN_TERMINATED = "unknown_instance_terminated_event";
  private static final String RESTART = "/restart";
  static final String VOLUME_CREATED = "volume_created";
  static final String VOLUME_ATTACHED = "volume_attached";
  static final String VOLUME_DETACHED = "volume_detached";
  static final String VOLUME_DESTROYED = "volume_destroyed";

  private EventViews() {}

  /** Who attached to the gateway's event stream: the new client's first event, and news to the others. */
  public static ObjectNode attached(String remoteAddress, String timestamp) {
    return event(ATTACHED, timestamp).put("remoteAddress", remoteAddress);
  }

  /** Who left the gateway's event stream (or was dropped for falling behind): news to the clients still there. */
  public static ObjectNode detached(String remoteAddress, String timestamp) {
    return event(DETACHED, timestamp).put("remoteAddress", remoteAddress);
  }

  /** The events a run spec or deployment change makes. */
  public static List<ObjectNode> of(DefinitionEvent change, String timestamp) {
    List<ObjectNode> events = new ArrayList<>();
    switch (change.getType()) {
      case UPSERTED -> {
        boolean restart = change.getOrigin().getUri().endsWith(RESTART);
        if (change.getKind() == RunSpecKind.POD) {
          events.add(origin(event(change.getCreated() ? POD_CREATED : POD_UPDATED, timestamp), change.getOrigin()));
        } else if (!restart) {
          events.add(origin(event(API_POST, timestamp), change.getOrigin())
              .set("appDefinition", MarathonJson.print(change.getSpec().getApp())));
        }
        events.add(groupChanged(change, timestamp));
      }
      case DELETED -> events.add(groupChanged(change, timestamp));
      case DEPLOYMENT -> events.addAll(deployment(change.getDeployment(), change.getCreated(), timestamp));
      default -> { }
    }
    return events;
  }

  /**
   * A deployment's events: {@code deployment_info} as it starts and as each step starts, the step's success as the
   * next one starts, and the last step's outcome with the deployment's. A pod's deletion is announced as its
   * deployment starts, with who asked; an app or pod stopped for good once its deployment succeeded.
   */
  static List<ObjectNode> deployment(Deployment deployment, boolean started, String timestamp) {
    List<ObjectNode> events = new ArrayList<>();
    int step = deployment.getCurrentStep();
    switch (deployment.getState()) {
      case RUNNING -> {
        if (started) {
          deployment.getStepsList().stream().flatMap(s -> s.getActionsList().stream())
              .filter(action -> action.getAction().equals("StopPod"))
              .forEach(action -> events.add(origin(event(POD_DELETED, timestamp), deployment.getOrigin())));
        } else if (step > 1) {
          events.add(step(STEP_SUCCESS, deployment, step - 1, timestamp));
        }
        events.add(step(DEPLOYMENT_INFO, deployment, step, timestamp));
      }
      case SUCCEEDED -> {
        events.add(step(STEP_SUCCESS, deployment, Math.max(step, 1), timestamp));
        events.add(event(DEPLOYMENT_SUCCESS, timestamp).put("id", deployment.getId())
            .set("plan", DeploymentViews.plan(deployment)));
        deployment.getStepsList().stream().flatMap(s -> s.getActionsList().stream())
            .filter(action -> action.getAction().equals("StopApplication") || action.getAction().equals("StopPod"))
            .forEach(action -> events.add(event(APP_TERMINATED, timestamp)
                .put("appId", action.hasApp() ? action.getApp() : action.getPod())));
      }
      case FAILED, CANCELED -> {
        events.add(step(STEP_FAILURE, deployment, Math.max(step, 1), timestamp));
        ObjectNode failed = event(DEPLOYMENT_FAILED, timestamp).put("id", deployment.getId());
        failed.set("plan", DeploymentViews.plan(deployment));
        events.add(failed.put("reason", deployment.getState() == Deployment.State.CANCELED
            ? "The upgrade has been cancelled" : "The deployment failed"));
      }
      default -> { }
    }
    return events;
  }

  /**
   * The events an instance's change makes: its tasks' statuses, its condition, its volumes; or those of the terminal
   * statuses of tasks of no instance it carries.
   */
  public static List<ObjectNode> of(InstanceChange change, String timestamp) {
    Instance before = change.hasBefore() ? change.getBefore() : null;
    Instance after = change.hasAfter() ? change.getAfter() : null;
    List<ObjectNode> events = new ArrayList<>();
    for (UnknownTaskStatus status : change.getUnknownTerminatedList()) {
      events.add(event(UNKNOWN_TERMINATED, timestamp).put("instanceId", status.getInstanceId())
          .put("runSpecId", status.getRunSpecId()).put("condition", InstanceViews.condition(status.getState())));
    }
    if (after != null) {
      for (Task task : after.getTasksList()) {
        Optional<Task> was = before == null ? Optional.empty() : before.getTasksList().stream()
            .filter(t -> t.getTaskId().equals(task.getTaskId())).findFirst();
        if (!task.getMesosState().isEmpty()
            && !was.map(Task::getMesosState).orElse("").equals(task.getMesosState())) {
          events.add(statusUpdate(after, task, timestamp));
        }
        Optional<Boolean> wasHealthy = was.filter(Task::hasHealthy).map(Task::getHealthy);
        if (task.hasHealthy() && !wasHealthy.equals(Optional.of(task.getHealthy()))) {
          events.add(event(HEALTH_CHANGED, timestamp).put("appId", after.getRunSpecId())
              .put("instanceId", after.getInstanceId()).put("version", version(after, task))
              .put("alive", task.getHealthy()));
        }
      }
      String condition = InstanceViews.condition(after);
      if (before == null || !condition.equals(InstanceViews.condition(before))
          || before.getGoal() != after.getGoal()) {
        events.add(instanceChanged(after, condition, timestamp));
      }
    }
    events.addAll(volumes(before, after, timestamp));
    return events;
  }

  private static ObjectNode statusUpdate(Instance instance, Task task, String timestamp) {
    String host = instance.getReservation().getHostname();
    ObjectNode json = event(STATUS_UPDATE, timestamp)
        .put("slaveId", instance.getReservation().getAgentId())
        .put("taskId", task.getTaskId())
        .put("taskStatus", task.getMesosState())
        .put("message", task.getMessage())
        .put("appId", instance.getRunSpecId())
        .put("host", host);
    json.putArray("ipAddresses").addObject().put("ipAddress", host).put("protocol", "IPv4");
    ArrayNode ports = json.putArray("ports");
    task.getHostPortsList().forEach(ports::add);
    return json.put("version", version(instance, task));
  }

  private static String version(Instance instance, Task task) {
    return task.getRunSpecVersion().isEmpty() ? instance.getRunSpecVersion() : task.getRunSpecVersion();
  }

  private static ObjectNode instanceChanged(Instance instance, String condition, String timestamp) {
    return event(INSTANCE_CHANGED, timestamp)
        .put("instanceId", instance.getInstanceId())
        .put("condition", condition)
        .put("runSpecId", instance.getRunSpecId())
        .put("agentId", emptyAsNull(instance.getReservation().getAgentId()))
        .put("host", emptyAsNull(instance.getReservation().getHostname()))
        .put("runSpecVersion", instance.getRunSpecVersion())
        .put("goal", InstanceViews.goal(instance.getGoal()));
  }

  /**
   * A volume is created when its instance's reservation is confirmed (the ACCEPT that made it succeeded), attached
   * while a task of the instance may run on it, detached when none does, destroyed when the instance is expunged (its
   * garbage cleaned up) or it was left behind on an agent that is gone. A task on an unreachable agent may still run:
   * its volumes stay attached.
   */
  private static List<ObjectNode> volumes(Instance before, Instance after, String timestamp) {
    Map<String, Placed> was = placed(before);
    Map<String, Placed> is = placed(after);
    List<ObjectNode> events = new ArrayList<>();
    for (Placed volume : is.values()) {
      Placed old = was.get(volume.volume().getPersistenceId());
      if (old == null) {
        events.add(volume.event(VOLUME_CREATED, timestamp));
      }
      boolean wasAttached = old != null && old.attached();
      if (volume.attached() != wasAttached) {
        events.add(volume.event(volume.attached() ? VOLUME_ATTACHED : VOLUME_DETACHED, timestamp));
      }
    }
    for (Placed volume : was.values()) {
      if (!is.containsKey(volume.volume().getPersistenceId())) {
        if (volume.attached()) {
          events.add(volume.event(VOLUME_DETACHED, timestamp));
        }
        events.add(volume.event(VOLUME_DESTROYED, timestamp));
      }
    }
    return events;
  }

  /** The volumes an instance holds on an agent, by persistence id, once its reservation is confirmed. */
  private static Map<String, Placed> placed(Instance instance) {
    Map<String, Placed> volumes = new LinkedHashMap<>();
    if (instance == null || !instance.getReservation().getConfirmed()) {
      return volumes;
    }
    Optional<VolumeStatus> status = VolumeStatus.of(instance);
    if (status.isEmpty()) {
      return volumes;
    }
    boolean attached = status.get() == VolumeStatus.ATTACHED || status.get() == VolumeStatus.UNREACHABLE;
    for (LocalVolume volume : instance.getReservation().getVolumesList()) {
      volumes.put(volume.getPersistenceId(), new Placed(instance, volume, attached));
    }
    return volumes;
  }

  /** A volume on an agent, and whether a task may run on it. */
  private record Placed(Instance instance, LocalVolume volume, boolean attached) {
    ObjectNode event(String type, String timestamp) {
      return EventViews.event(type, timestamp)
          .put("persistenceId", volume.getPersistenceId())
          .put("runSpecId", volume.getRunSpecId())
          .put("containerPath", volume.getContainerPath())
          .put("instanceId", instance.getInstanceId())
          .put("agentId", instance.getReservation().getAgentId())
          .put("host", instance.getReservation().getHostname());
    }
  }

  private static ObjectNode step(String type, Deployment deployment, int step, String timestamp) {
    ObjectNode json = event(type, timestamp).set("plan", DeploymentViews.plan(deployment));
    if (step >= 1 && step <= deployment.getStepsCount()) {
      json.set("currentStep", DeploymentViews.step(deployment.getSteps(step - 1)));
    }
    return json;
  }

  /** Marathon names the group it changed: the parent of the app or pod. */
  private static ObjectNode groupChanged(DefinitionEvent change, String timestamp) {
    String id = change.getId();
    String parent = PathIds.parent(id);
    String version = change.getSpec().hasApp() ? change.getSpec().getApp().getVersion()
        : change.getSpec().getPod().getVersion();
    return event(GROUP_CHANGE_SUCCESS, timestamp).put("groupId", parent).put("version", version);
  }

  private static String emptyAsNull(String value) {
    return value.isEmpty() ? null : value;
  }

  private static ObjectNode origin(ObjectNode json, ChangeOrigin origin) {
    return json.put("clientIp", origin.getClientIp()).put("uri", origin.getUri());
  }

  private static ObjectNode event(String type, String timestamp) {
    return MarathonJson.MAPPER.createObjectNode().put("eventType", type).put("timestamp", timestamp);
  }
}
