package io.mooring.sim.e2e;

import static io.mooring.sim.e2e.Mesos.*;
import static io.mooring.sim.e2e.SimFixture.WAIT;
import static io.mooring.sim.e2e.SimFixture.offer;
import static org.apache.mesos.v1.Protos.TaskStatus.Reason.REASON_TASK_HEALTH_CHECK_STATUS_UPDATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.mooring.mesos.MediaTypes;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mesos health checks as a scheduler sees them: each change of health (and each failure that counts) is a
 * TASK_RUNNING with {@code healthy} and REASON_TASK_HEALTH_CHECK_STATUS_UPDATED; the last allowed failure kills the
 * task, whose TASK_KILLED says {@code healthy=false}. Real processes on a process agent, 1 s intervals.
 */
class HealthCheckTest {
  @TempDir Path home;
  SimFixture sim;
  SchedulerClient client;

  @AfterEach
  void stop() throws Exception {
    if (client != null) client.close();
    if (sim != null) sim.close();
  }

  private Offer start(String runner, FrameworkInfo framework) throws Exception {
    sim = new SimFixture(home, 1, runner);
    client = sim.client(MediaTypes.Encoding.PROTOBUF);
    assertEquals(200, client.subscribe(framework));
    return offer(client, o -> true);
  }

  @Test
  void anHttpCheckOfARealServerReportsHealthy() throws Exception {
    assumeTrue(python3(), "python3 is needed for the HTTP server");
    Offer offer = start("process", framework("health-http"));
    int port = freePort();
    HealthCheck check = timing(HealthCheck.newBuilder().setType(HealthCheck.Type.HTTP)
        .setHttp(HealthCheck.HTTPCheckInfo.newBuilder().setPort(port).setPath("/")), 10, 3).build();
    launch(offer, task("web", offer, "exec python3 -m http.server " + port + " --bind 127.0.0.1", check));

    List<TaskStatus> seen = new ArrayList<>();
    TaskStatus healthy = update(seen, s -> s.hasHealthy());
    assertEquals(TaskState.TASK_RUNNING, healthy.getState());
    assertTrue(healthy.getHealthy(), healthy.toString());
    assertEquals(REASON_TASK_HEALTH_CHECK_STATUS_UPDATED, healthy.getReason());
    assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, healthy.getSource());
    assertEquals(List.of(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_RUNNING), states(seen));
    assertFalse(seen.get(1).hasHealthy(), "the first TASK_RUNNING says nothing of health");

    // the master keeps it: /master/state shows it in statuses, with the task's health_check, and reconciliation too
    JsonObject task = onlyTask(sim.state());
    JsonArray statuses = task.getAsJsonArray("statuses");
    JsonObject last = statuses.get(statuses.size() - 1).getAsJsonObject();
    assertEquals("TASK_RUNNING", last.get("state").getAsString());
    assertTrue(last.get("healthy").getAsBoolean());
    assertEquals(2, statuses.size(), "a health update replaces the TASK_RUNNING before it: " + statuses);
    assertEquals("HTTP", task.getAsJsonObject("health_check").get("type").getAsString());
    client.send(client.call(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()).build());
    TaskStatus reconciled = update(seen, s -> s.getReason() == TaskStatus.Reason.REASON_RECONCILIATION);
    assertTrue(reconciled.hasHealthy() && reconciled.getHealthy(), reconciled.toString());

    // no news while it stays healthy; a kill ends it without a word on health
    client.expectNone(e -> e.getType() == Event.Type.UPDATE, Duration.ofMillis(2500));
    kill("web");
    TaskStatus killed = update(seen, s -> s.getState() == TaskState.TASK_KILLED);
    assertFalse(killed.hasHealthy(), killed.toString());
  }

  @Test
  void failingChecksReportUnhealthyThenKillTheTask() throws Exception {
    Offer offer = start("process", withTaskKillingState(framework("health-tcp")));
    HealthCheck check = timing(HealthCheck.newBuilder().setType(HealthCheck.Type.TCP)
        .setTcp(HealthCheck.TCPCheckInfo.newBuilder().setPort(freePort())), 0, 3).build(); // a closed port
    TaskInfo task = task("doomed", offer, "sleep 3600", check).toBuilder()
        .setKillPolicy(KillPolicy.newBuilder().setGracePeriod(DurationInfo.newBuilder().setNanoseconds(1_000_000_000L)))
        .build();
    launch(offer, task);

    List<TaskStatus> seen = new ArrayList<>();
    TaskStatus killed = update(seen, s -> s.getState() == TaskState.TASK_KILLED);
    assertEquals(List.of(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_RUNNING,
        TaskState.TASK_RUNNING, TaskState.TASK_RUNNING, TaskState.TASK_KILLING, TaskState.TASK_KILLED), states(seen));
    for (TaskStatus unhealthy : seen.subList(2, 5)) {
      // the command executor reports every failure that counts, not just the first
      assertTrue(unhealthy.hasHealthy() && !unhealthy.getHealthy(), unhealthy.toString());
      assertEquals(REASON_TASK_HEALTH_CHECK_STATUS_UPDATED, unhealthy.getReason());
    }
    assertFalse(seen.get(5).hasHealthy(), "TASK_KILLING says nothing of health");
    assertTrue(killed.hasHealthy() && !killed.getHealthy(), killed.toString());
    assertFalse(killed.hasReason(), "Mesos gives no reason for a health check kill: " + killed);
    assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, killed.getSource());

    JsonArray statuses = onlyTask(sim.state()).getAsJsonArray("statuses");
    JsonObject last = statuses.get(statuses.size() - 1).getAsJsonObject();
    assertEquals("TASK_KILLED", last.get("state").getAsString());
    assertFalse(last.get("healthy").getAsBoolean());
  }

  @Test
  void theGracePeriodIgnoresEarlyFailuresOfACommandCheck() throws Exception {
    Offer offer = start("process", framework("health-grace"));
    // The task is ready after 2 s; a single failure outside the grace period would kill it.
    HealthCheck check = timing(HealthCheck.newBuilder().setType(HealthCheck.Type.COMMAND)
        .setCommand(CommandInfo.newBuilder().setValue("test -f \"$MESOS_SANDBOX/ready\"")), 8, 1).build();
    launch(offer, task("slow", offer, "sleep 2; touch ready; exec sleep 3600", check));

    List<TaskStatus> seen = new ArrayList<>();
    TaskStatus first = update(seen, s -> s.hasHealthy());
    assertTrue(first.getHealthy(), "failures in the grace period are not reported: " + first);
    assertEquals(REASON_TASK_HEALTH_CHECK_STATUS_UPDATED, first.getReason());
    client.expectNone(e -> e.getType() == Event.Type.UPDATE, Duration.ofMillis(2500));
  }

  @Test
  void aCommandCheckRunsInTheSandboxAndReportsWhenHealthComesAndGoes() throws Exception {
    Offer offer = start("process", framework("health-command"));
    // The check reads the task's environment and its own; it passes while the task's file exists.
    CommandInfo command = CommandInfo.newBuilder().setValue("test -f \"$MESOS_SANDBOX/$FLAG\" && test -f up")
        .setEnvironment(org.apache.mesos.v1.Protos.Environment.newBuilder().addVariables(
            org.apache.mesos.v1.Protos.Environment.Variable.newBuilder().setName("FLAG").setValue("up")))
        .build();
    HealthCheck check = timing(HealthCheck.newBuilder().setType(HealthCheck.Type.COMMAND).setCommand(command), 0, 100)
        .build();
    launch(offer, task("flaky", offer, "sleep 1.5; touch up; sleep 2.5; rm up; exec sleep 3600", check));

    List<TaskStatus> seen = new ArrayList<>();
    update(seen, s -> s.hasHealthy() && s.getHealthy());
    update(seen, s -> s.hasHealthy() && !s.getHealthy() && seen.stream().anyMatch(TaskStatus::getHealthy));
    List<Boolean> health = seen.stream().filter(TaskStatus::hasHealthy).map(TaskStatus::getHealthy).toList();
    int firstHealthy = health.indexOf(true);
    assertTrue(firstHealthy >= 1, "failed before the file existed: " + health);
    assertEquals(health.size() - 1, firstHealthy + 1, "one healthy update however many checks passed: " + health);
    assertTrue(health.subList(0, firstHealthy).stream().noneMatch(h -> h), health.toString());
  }

  @Test
  void aCheckThatTimesOutFails() throws Exception {
    Offer offer = start("process", framework("health-timeout"));
    HealthCheck check = HealthCheck.newBuilder().setType(HealthCheck.Type.COMMAND)
        .setCommand(CommandInfo.newBuilder().setValue("sleep 30")).setDelaySeconds(0).setIntervalSeconds(1)
        .setTimeoutSeconds(0.5).setGracePeriodSeconds(0).setConsecutiveFailures(1).build();
    launch(offer, task("stuck", offer, "sleep 3600", check));

    List<TaskStatus> seen = new ArrayList<>();
    TaskStatus unhealthy = update(seen, s -> s.hasHealthy());
    assertFalse(unhealthy.getHealthy());
    TaskStatus killed = update(seen, s -> s.getState() == TaskState.TASK_KILLED);
    assertFalse(killed.getHealthy());
    assertTrue(states(seen).stream().noneMatch(s -> s == TaskState.TASK_KILLING),
        "no TASK_KILLING without the framework's TASK_KILLING_STATE: " + states(seen));
  }

  @Test
  void virtualTasksAreHealthyOnceRunning() throws Exception {
    Offer offer = start("virtual", framework("health-virtual"));
    HealthCheck check = timing(HealthCheck.newBuilder().setType(HealthCheck.Type.TCP)
        .setTcp(HealthCheck.TCPCheckInfo.newBuilder().setPort(1)), 10, 3).build();
    launch(offer, task("v1", offer, "sleep 3600", check));

    List<TaskStatus> seen = new ArrayList<>();
    TaskStatus healthy = update(seen, s -> s.hasHealthy());
    assertTrue(healthy.getHealthy());
    assertEquals(REASON_TASK_HEALTH_CHECK_STATUS_UPDATED, healthy.getReason());
    assertEquals(List.of(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_RUNNING), states(seen));
    JsonArray statuses = onlyTask(sim.state()).getAsJsonArray("statuses");
    assertTrue(statuses.get(statuses.size() - 1).getAsJsonObject().get("healthy").getAsBoolean());
  }

  @Test
  void anInvalidHealthCheckIsRefused() throws Exception {
    Offer offer = start("virtual", framework("health-invalid"));
    HealthCheck check = HealthCheck.newBuilder().setType(HealthCheck.Type.HTTP)
        .setHttp(HealthCheck.HTTPCheckInfo.newBuilder().setPort(80).setPath("health")).build();
    launch(offer, task("bad", offer, "sleep 3600", check));
    TaskStatus error = update(new ArrayList<>(), s -> true);
    assertEquals(TaskState.TASK_ERROR, error.getState());
    assertEquals("Task uses invalid health check: The path 'health' of HTTP health check must start with '/'",
        error.getMessage());
  }

  /** delay 0, interval 1 s, timeout 1 s, the given grace period and failures allowed. */
  private static HealthCheck.Builder timing(HealthCheck.Builder check, double grace, int failures) {
    return check.setDelaySeconds(0).setIntervalSeconds(1).setTimeoutSeconds(1).setGracePeriodSeconds(grace)
        .setConsecutiveFailures(failures);
  }

  private static TaskInfo task(String id, Offer offer, String command, HealthCheck check) {
    return Mesos.task(id, offer.getAgentId(), command, List.of(scalar("cpus", 0.1), scalar("mem", 32)))
        .toBuilder().setHealthCheck(check).build();
  }

  private void launch(Offer offer, TaskInfo task) throws Exception {
    client.send(client.call(Call.Type.ACCEPT).setAccept(accept(offer, Mesos.launch(task))).build());
  }

  private void kill(String taskId) throws Exception {
    client.send(client.call(Call.Type.KILL).setKill(Call.Kill.newBuilder()
        .setTaskId(org.apache.mesos.v1.Protos.TaskID.newBuilder().setValue(taskId))).build());
  }

  /** Acknowledges and records every task update until one matches. */
  private TaskStatus update(List<TaskStatus> seen, Predicate<TaskStatus> matching) throws Exception {
    while (true) {
      TaskStatus status = client.await(e -> e.getType() == Event.Type.UPDATE, WAIT).getUpdate().getStatus();
      SimFixture.acknowledge(client, status);
      seen.add(status);
      if (matching.test(status)) return status;
    }
  }

  private static List<TaskState> states(List<TaskStatus> statuses) {
    return statuses.stream().filter(s -> s.getReason() != TaskStatus.Reason.REASON_RECONCILIATION)
        .map(TaskStatus::getState).toList();
  }

  /** The framework's one task, active or (once its terminal update is acknowledged) completed. */
  private static JsonObject onlyTask(JsonObject state) {
    JsonObject framework = state.getAsJsonArray("frameworks").get(0).getAsJsonObject();
    JsonArray tasks = framework.getAsJsonArray("tasks");
    return (tasks.isEmpty() ? framework.getAsJsonArray("completed_tasks") : tasks).get(0).getAsJsonObject();
  }

  private static FrameworkInfo withTaskKillingState(FrameworkInfo info) {
    return info.toBuilder().addCapabilities(FrameworkInfo.Capability.newBuilder()
        .setType(FrameworkInfo.Capability.Type.TASK_KILLING_STATE)).build();
  }

  /** A port nothing listens on (just released by the test). */
  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean python3() {
    try {
      return new ProcessBuilder("python3", "--version").redirectErrorStream(true).start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
