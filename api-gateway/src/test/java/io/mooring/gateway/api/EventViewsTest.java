package io.mooring.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.ChangeOrigin;
import io.mooring.proto.v1.DefinitionEvent;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.DeploymentAction;
import io.mooring.proto.v1.DeploymentStep;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceChange;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.LocalVolume;
import io.mooring.proto.v1.Reservation;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.Task;
import io.mooring.proto.v1.UnknownTaskStatus;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class EventViewsTest {
  private static final String NOW = "2026-12-05T00:00:00.000Z";
  private static final LocalVolume VOLUME = LocalVolume.newBuilder().setRunSpecId("/db").setContainerPath("data")
      .setUuid("u1").setPersistenceId("db#data#u1").build();

  static Stream<Arguments> instanceChanges() {
    Instance scheduled = instance(InstanceState.SCHEDULED, Goal.RUNNING, false, "");
    Instance reserving = instance(InstanceState.RESERVING, Goal.RUNNING, false, "TASK_STAGING");
    Instance running = instance(InstanceState.RUNNING_STATE, Goal.RUNNING, true, "TASK_RUNNING");
    Instance killed = instance(InstanceState.SUSPENDED, Goal.RUNNING, true, "TASK_KILLED");
    Instance stopped = instance(InstanceState.SUSPENDED, Goal.STOPPED, true, "TASK_KILLED");
    Instance unreachable = instance(InstanceState.UNREACHABLE, Goal.RUNNING, true, "TASK_UNREACHABLE");
    Instance wiped = instance(InstanceState.SUSPENDED, Goal.DECOMMISSIONED, true, "TASK_KILLED");
    return Stream.of(
        Arguments.of("created", null, scheduled, List.of("instance_changed_event")),
        Arguments.of("claimed: nothing on the agent yet", scheduled, reserving,
            List.of("status_update_event", "instance_changed_event")),
        Arguments.of("first launch confirmed", reserving, running,
            List.of("status_update_event", "instance_changed_event", "volume_created", "volume_attached")),
        Arguments.of("killed", running, killed,
            List.of("status_update_event", "instance_changed_event", "volume_detached")),
        Arguments.of("relaunched", killed, running,
            List.of("status_update_event", "instance_changed_event", "volume_attached")),
        Arguments.of("scaled down", running, stopped,
            List.of("status_update_event", "instance_changed_event", "volume_detached")),
        Arguments.of("partitioned: the task may still run", running, unreachable,
            List.of("status_update_event", "instance_changed_event")),
        Arguments.of("back from a partition", unreachable, running,
            List.of("status_update_event", "instance_changed_event")),
        Arguments.of("wiped", stopped, wiped, List.of("instance_changed_event")),
        Arguments.of("expunged", wiped, null, List.of("volume_destroyed")),
        Arguments.of("expunged while attached", running, null, List.of("volume_detached", "volume_destroyed")),
        Arguments.of("a status that changes nothing", running, running, List.of()),
        Arguments.of("its health check passes", running, healthy(running, true),
            List.of("health_status_changed_event")),
        Arguments.of("then fails", healthy(running, true), healthy(running, false),
            List.of("health_status_changed_event")),
        Arguments.of("and fails again", healthy(running, false), healthy(running, false), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("instanceChanges")
  void anInstanceChangeMakesTheseEvents(String name, Instance before, Instance after, List<String> types) {
    InstanceChange.Builder change = InstanceChange.newBuilder().setRevision(7);
    if (before != null) {
      change.setBefore(before);
    }
    if (after != null) {
      change.setAfter(after);
    }
    List<ObjectNode> events = EventViews.of(change.build(), NOW);
    assertEquals(types, events.stream().map(e -> e.path("eventType").asText()).toList());
    events.stream().filter(e -> e.path("eventType").asText().startsWith("volume_")).forEach(e -> assertEquals(
        List.of("db#data#u1", "/db", "agent-1", "host-1"), List.of(e.path("persistenceId").asText(),
            e.path("runSpecId").asText(), e.path("agentId").asText(), e.path("host").asText())));
  }

  /** Marathon's condition of each state its status processor announces for a task of no instance. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"TASK_KILLED, Killed", "TASK_FINISHED, Finished", "TASK_FAILED, Failed", "TASK_ERROR, Error",
      "TASK_DROPPED, Dropped", "TASK_GONE, Gone", "TASK_GONE_BY_OPERATOR, Gone", "TASK_UNKNOWN, Unknown",
      "TASK_UNREACHABLE, Unreachable", "TASK_LOST, Unreachable"})
  void aTerminalStatusOfATaskOfNoInstanceIsAnnouncedWithItsCondition(String state, String condition)
      throws Exception {
    InstanceChange change = InstanceChange.newBuilder().setRevision(7)
        .addUnknownTerminated(unknown("g_db.instance-u1._app.3", "g_db.instance-u1", "/g/db", state))
        .addUnknownTerminated(unknown("p.instance-u2.web.1", "p.instance-u2", "/p", state)).build();

    List<ObjectNode> events = EventViews.of(change, NOW);

    assertEquals(List.of(MarathonJson.MAPPER.readTree("""
        {"eventType": "unknown_instance_terminated_event", "timestamp": "%s", "instanceId": "g_db.instance-u1",
         "runSpecId": "/g/db", "condition": "%s"}""".formatted(NOW, condition)), MarathonJson.MAPPER.readTree("""
        {"eventType": "unknown_instance_terminated_event", "timestamp": "%s", "instanceId": "p.instance-u2",
         "runSpecId": "/p", "condition": "%s"}""".formatted(NOW, condition))), events);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"event_stream_attached", "event_stream_detached"})
  void attachingAndDetachingNameTheClient(String type) throws Exception {
    ObjectNode event = type.equals("event_stream_attached") ? EventViews.attached("10.0.0.9", NOW)
        : EventViews.detached("10.0.0.9", NOW);
    assertEquals(MarathonJson.MAPPER.readTree("""
        {"remoteAddress": "10.0.0.9", "eventType": "%s", "timestamp": "%s"}""".formatted(type, NOW)), event);
  }

  static Stream<Arguments> definitionChanges() {
    ChangeOrigin post = ChangeOrigin.newBuilder().setClientIp("10.0.0.9").setUri("/v2/apps").build();
    ChangeOrigin restart = ChangeOrigin.newBuilder().setClientIp("10.0.0.9").setUri("/v2/apps/g/db/restart").build();
    RunSpec app = RunSpec.newBuilder().setApp(io.mooring.proto.v1.App.newBuilder().setId("/g/db").setVersion("v2"))
        .build();
    RunSpec pod = RunSpec.newBuilder().setPod(io.mooring.proto.v1.Pod.newBuilder().setId("/p").setVersion("v1"))
        .build();
    Deployment start = deployment("StartApplication", Deployment.State.RUNNING, 1);
    Deployment stop = deployment("StopApplication", Deployment.State.RUNNING, 1);
    return Stream.of(
        Arguments.of("app posted", upserted(RunSpecKind.APP, app, post, true),
            List.of("api_post_event", "group_change_success")),
        Arguments.of("app restarted: no api_post_event", upserted(RunSpecKind.APP, app, restart, false),
            List.of("group_change_success")),
        Arguments.of("pod created", upserted(RunSpecKind.POD, pod, post, true),
            List.of("pod_created_event", "group_change_success")),
        Arguments.of("pod updated", upserted(RunSpecKind.POD, pod, post, false),
            List.of("pod_updated_event", "group_change_success")),
        Arguments.of("deleted", DefinitionEvent.newBuilder().setType(DefinitionEvent.Type.DELETED)
            .setKind(RunSpecKind.APP).setId("/g/db").setSpec(app).build(), List.of("group_change_success")),
        Arguments.of("deployment started", deployed(start, true), List.of("deployment_info")),
        Arguments.of("step 2 started", deployed(start.toBuilder().setCurrentStep(2).build(), false),
            List.of("deployment_step_success", "deployment_info")),
        Arguments.of("succeeded", deployed(start.toBuilder().setCurrentStep(2).setState(Deployment.State.SUCCEEDED)
            .build(), false), List.of("deployment_step_success", "deployment_success")),
        Arguments.of("cancelled", deployed(start.toBuilder().setState(Deployment.State.CANCELED).build(), false),
            List.of("deployment_step_failure", "deployment_failed")),
        Arguments.of("an app stopped for good", deployed(stop.toBuilder().setState(Deployment.State.SUCCEEDED)
            .build(), false), List.of("deployment_step_success", "deployment_success", "app_terminated_event")),
        Arguments.of("a pod's deletion", deployed(deployment("StopPod", Deployment.State.RUNNING, 1), true),
            List.of("pod_deleted_event", "deployment_info")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("definitionChanges")
  void aDefinitionChangeMakesTheseEvents(String name, DefinitionEvent change, List<String> types) {
    List<ObjectNode> events = EventViews.of(change, NOW);
    assertEquals(types, events.stream().map(e -> e.path("eventType").asText()).toList());
    events.stream().filter(e -> e.path("eventType").asText().equals("group_change_success"))
        .forEach(e -> assertEquals(change.getKind() == RunSpecKind.POD ? "/" : "/g", e.path("groupId").asText()));
    events.forEach(e -> assertEquals(NOW, e.path("timestamp").asText()));
  }

  private static DefinitionEvent upserted(RunSpecKind kind, RunSpec spec, ChangeOrigin origin, boolean created) {
    return DefinitionEvent.newBuilder().setType(DefinitionEvent.Type.UPSERTED).setKind(kind)
        .setId(spec.hasApp() ? spec.getApp().getId() : spec.getPod().getId()).setSpec(spec).setOrigin(origin)
        .setCreated(created).build();
  }

  private static DefinitionEvent deployed(Deployment deployment, boolean created) {
    return DefinitionEvent.newBuilder().setType(DefinitionEvent.Type.DEPLOYMENT).setDeployment(deployment)
        .setCreated(created).build();
  }

  private static Deployment deployment(String action, Deployment.State state, int step) {
    DeploymentAction.Builder first = DeploymentAction.newBuilder().setAction(action);
    if (action.endsWith("Pod")) {
      first.setPod("/p");
    } else {
      first.setApp("/g/db");
    }
    return Deployment.newBuilder().setId("d1").setVersion("v2").setState(state).setCurrentStep(step)
        .addSteps(DeploymentStep.newBuilder().addActions(first))
        .addSteps(DeploymentStep.newBuilder().addActions(DeploymentAction.newBuilder()
            .setAction("ScaleApplication").setApp("/g/db")))
        .setOrigin(ChangeOrigin.newBuilder().setClientIp("10.0.0.9").setUri("/v2/pods/p")).build();
  }

  private static UnknownTaskStatus unknown(String taskId, String instanceId, String runSpecId, String state) {
    return UnknownTaskStatus.newBuilder().setTaskId(taskId).setInstanceId(instanceId).setRunSpecId(runSpecId)
        .setState(state).setAgentId("agent-1").build();
  }

  private static Instance healthy(Instance instance, boolean healthy) {
    Instance.Builder checked = instance.toBuilder();
    checked.getTasksBuilder(0).setHealthy(healthy);
    return checked.build();
  }

  private static Instance instance(InstanceState state, Goal goal, boolean confirmed, String taskState) {
    Instance.Builder instance = Instance.newBuilder().setInstanceId("db.instance-1").setRunSpecId("/db")
        .setRunSpecVersion("v1").setState(state).setGoal(goal).addVolumes(VOLUME);
    if (state != InstanceState.SCHEDULED) {
      instance.setReservation(Reservation.newBuilder().setAgentId("agent-1").setHostname("host-1")
          .setConfirmed(confirmed).addVolumes(VOLUME));
      instance.addTasks(Task.newBuilder().setTaskId("db.instance-1._app.1").setMesosState(taskState));
    }
    return instance.build();
  }
}
