package io.mooring.sim.agent;

import static io.mooring.sim.agent.AgentFixtures.commandLaunch;
import static io.mooring.sim.agent.AgentFixtures.groupLaunch;
import static io.mooring.sim.agent.AgentFixtures.shellTask;
import static org.apache.mesos.v1.Protos.TaskState.TASK_FAILED;
import static org.apache.mesos.v1.Protos.TaskState.TASK_FINISHED;
import static org.apache.mesos.v1.Protos.TaskState.TASK_KILLED;
import static org.apache.mesos.v1.Protos.TaskState.TASK_RUNNING;
import static org.apache.mesos.v1.Protos.TaskState.TASK_STARTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
  @TempDir Path tmp;
  private ProcessRunner runner;
  private AgentHost host;
  private final AgentFixtures.Recorder recorder = new AgentFixtures.Recorder();

  @BeforeEach
  void setUp() {
    runner = new ProcessRunner();
    host = new AgentHost(tmp.resolve("work"), tmp.resolve("disks"), runner);
  }

  @AfterEach
  void tearDown() {
    runner.close();
  }

  @Test
  void exitZeroFinishesAndNonZeroFails() {
    host.launch(commandLaunch(shellTask("ok", "true")), recorder);
    host.launch(commandLaunch(shellTask("bad", "exit 3")), recorder);
    recorder.await("ok", TASK_FINISHED);
    recorder.await("bad", TASK_FAILED);
    assertEquals(List.of(TASK_STARTING, TASK_RUNNING, TASK_FINISHED), recorder.of("ok"));
    assertEquals(List.of(TASK_STARTING, TASK_RUNNING, TASK_FAILED), recorder.of("bad"));
    assertEquals("Command exited with status 3", recorder.lastMessage.get("bad"));
  }

  @Test
  void outputIsAppendedToTheSandboxFiles() throws Exception {
    host.launch(commandLaunch(shellTask("out", "echo to-out; echo to-err >&2")), recorder);
    recorder.await("out", TASK_FINISHED);
    Path sandbox = tmp.resolve("work/slaves").resolve(AgentFixtures.AGENT)
        .resolve("frameworks/fw-1/executors/out/runs/latest");
    assertEquals("to-out\n", Files.readString(sandbox.resolve("stdout")));
    assertEquals("to-err\n", Files.readString(sandbox.resolve("stderr")));
  }

  @Test
  void withoutShellTheValueIsTheExecutableAndArgumentsFollowArgvZero() throws Exception {
    TaskInfo task = AgentFixtures.task("exec").setCommand(CommandInfo.newBuilder().setShell(false)
        .setValue("/bin/sh").addArguments("sh").addArguments("-c").addArguments("exit 4")).build();
    host.launch(commandLaunch(task), recorder);
    recorder.await("exec", TASK_FAILED);
    assertEquals("Command exited with status 4", recorder.lastMessage.get("exec"));

    TaskInfo missing = AgentFixtures.task("missing").setCommand(CommandInfo.newBuilder().setShell(false)
        .setValue("/no/such/binary")).build();
    host.launch(commandLaunch(missing), recorder);
    recorder.await("missing", TASK_FAILED);
    assertTrue(recorder.lastMessage.get("missing").startsWith("Failed to launch command"));
  }

  @Test
  void aTaskThatDiesAtSigtermIsKilledAtOnce() {
    Container container = host.launch(commandLaunch(shellTask("sleeper", "sleep 60")), recorder);
    recorder.await("sleeper", TASK_RUNNING);
    long start = System.nanoTime();
    container.kill(Duration.ofSeconds(30));
    recorder.await("sleeper", TASK_KILLED);
    assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(3)) < 0);
    container.kill(Duration.ofSeconds(30)); // idempotent
  }

  @Test
  void aTaskIgnoringSigtermIsSigkilledAfterTheGracePeriod() throws Exception {
    Path marker = tmp.resolve("trapped");
    Container container = host.launch(
        commandLaunch(shellTask("stubborn", "trap '' TERM; touch " + marker + "; sleep 60")), recorder);
    AgentFixtures.await("trap installed", Duration.ofSeconds(5), () -> Files.exists(marker));
    long start = System.nanoTime();
    container.kill(Duration.ofMillis(1200));
    recorder.await("stubborn", TASK_KILLED);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(Duration.ofMillis(1100)) >= 0, "killed before the grace period: " + took);
    assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "SIGKILL came late: " + took);
  }

  @Test
  void aShorterSecondKillBringsTheSigkillForward() throws Exception {
    Path marker = tmp.resolve("trapped2");
    Container container = host.launch(
        commandLaunch(shellTask("stubborn2", "trap '' TERM; touch " + marker + "; sleep 60")), recorder);
    AgentFixtures.await("trap installed", Duration.ofSeconds(5), () -> Files.exists(marker));
    container.kill(Duration.ofSeconds(60));
    container.kill(Duration.ZERO);
    recorder.await("stubborn2", TASK_KILLED);
  }

  @Test
  void aFailingTaskKillsTheRestOfItsGroup() {
    host.launch(groupLaunch("group", List.of(shellTask("long", "sleep 60"), shellTask("short", "sleep 0.3; exit 2"))),
        recorder);
    recorder.await("short", TASK_FAILED);
    recorder.await("long", TASK_KILLED);
  }

  @Test
  void killingAGroupKillsEveryTaskAndAFinishedTaskDoesNotKillItsGroup() {
    Container container = host.launch(
        groupLaunch("group2", List.of(shellTask("x", "sleep 60"), shellTask("y", "sleep 60"), shellTask("z", "true"))),
        recorder);
    recorder.await("z", TASK_FINISHED);
    recorder.await("x", TASK_RUNNING);
    assertFalse(recorder.has("x", TASK_KILLED));
    container.kill(Duration.ofSeconds(5));
    recorder.await("x", TASK_KILLED);
    recorder.await("y", TASK_KILLED);
  }

  @Test
  void endForcesTheOutcomeWithTheGivenMessage() {
    Container container = host.launch(
        groupLaunch("group3", List.of(shellTask("p", "sleep 60"), shellTask("q", "sleep 60"))), recorder);
    recorder.await("p", TASK_RUNNING);
    recorder.await("q", TASK_RUNNING);
    container.end("p", false, "injected failure");
    recorder.await("p", TASK_FAILED);
    assertEquals("injected failure", recorder.lastMessage.get("p"));
    recorder.await("q", TASK_KILLED);

    Container single = host.launch(commandLaunch(shellTask("s", "sleep 60")), recorder);
    recorder.await("s", TASK_RUNNING);
    single.end("s", true, "done by operator");
    recorder.await("s", TASK_FINISHED);
    assertEquals("done by operator", recorder.lastMessage.get("s"));
  }

  @Test
  void callbacksNeverRunOnTheCallersThread() {
    Container container = host.launch(commandLaunch(shellTask("t", "sleep 60")), recorder);
    recorder.await("t", TASK_RUNNING);
    container.kill(Duration.ZERO);
    recorder.await("t", TASK_KILLED);
    assertFalse(recorder.threads.contains(Thread.currentThread().getName()));
  }
}
