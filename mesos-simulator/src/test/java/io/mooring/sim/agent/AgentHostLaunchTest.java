package io.mooring.sim.agent;

import static io.mooring.sim.agent.AgentFixtures.AGENT;
import static io.mooring.sim.agent.AgentFixtures.FRAMEWORK;
import static io.mooring.sim.agent.AgentFixtures.commandLaunch;
import static io.mooring.sim.agent.AgentFixtures.groupLaunch;
import static io.mooring.sim.agent.AgentFixtures.imageTask;
import static io.mooring.sim.agent.AgentFixtures.mountingParent;
import static io.mooring.sim.agent.AgentFixtures.shellTask;
import static io.mooring.sim.agent.AgentFixtures.volume;
import static org.apache.mesos.v1.Protos.TaskState.TASK_FAILED;
import static org.apache.mesos.v1.Protos.TaskState.TASK_FINISHED;
import static org.apache.mesos.v1.Protos.TaskState.TASK_KILLED;
import static org.apache.mesos.v1.Protos.TaskState.TASK_RUNNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentHostLaunchTest {
  @TempDir Path tmp;
  private Path workDir;
  private ProcessRunner runner;
  private AgentHost host;
  private final AgentFixtures.Recorder recorder = new AgentFixtures.Recorder();

  @BeforeEach
  void setUp() {
    workDir = tmp.resolve("work");
    runner = new ProcessRunner();
    host = new AgentHost(workDir, tmp.resolve("disks"), runner);
  }

  @AfterEach
  void tearDown() {
    runner.close();
  }

  private Path runs(String executorId) {
    return workDir.resolve("slaves").resolve(AGENT).resolve("frameworks").resolve(FRAMEWORK)
        .resolve("executors").resolve(executorId).resolve("runs");
  }

  @Test
  void aTaskWritesIntoItsVolumeThroughTheSandboxLinkAndASecondLaunchSeesTheData() throws Exception {
    Resource data = volume("eng/backend", "db-0", "data", AgentFixtures.pathDisk("/mnt/ssd-0"));
    host.createVolume(data);

    host.launch(commandLaunch(shellTask("t1", "echo hello >> data/foo"), data), recorder);
    recorder.await("t1", TASK_FINISHED);
    Path firstSandbox = runs("t1").resolve("latest").toRealPath();
    host.launch(commandLaunch(shellTask("t2", "echo hello >> data/foo"), data), recorder);
    recorder.await("t2", TASK_FINISHED);

    assertEquals(List.of("hello", "hello"), Files.readAllLines(host.volumePath(data).resolve("foo")));
    Path link = firstSandbox.resolve("data");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(host.volumePath(data), Files.readSymbolicLink(link));
    assertTrue(Files.isRegularFile(firstSandbox.resolve("stdout")));
    assertTrue(Files.isRegularFile(firstSandbox.resolve("stderr")));
    assertEquals(AGENT, Files.readSymbolicLink(workDir.resolve("slaves/latest")).toString());
  }

  @Test
  void latestPointsAtTheNewestRunOfAnExecutor() throws Exception {
    host.launch(commandLaunch(shellTask("t", "true")), recorder);
    recorder.await("t", TASK_FINISHED);
    Path first = runs("t").resolve("latest").toRealPath();
    AgentFixtures.Recorder again = new AgentFixtures.Recorder();
    host.launch(commandLaunch(shellTask("t", "true")), again);
    // The layout is done when launch returns.
    Path second = runs("t").resolve("latest").toRealPath();
    assertNotEquals(first, second);
    assertEquals(runs("t").toRealPath(), second.getParent());
    try (var runs = Files.list(runs("t"))) {
      assertEquals(3, runs.count(), "two runs and latest, no temporary links");
    }
    again.await("t", TASK_FINISHED);  // a task still writing its sandbox would keep the temp dir from being deleted
  }

  @Test
  void nestedOrAbsoluteContainerPathsAreNotLinked() throws Exception {
    Resource nested = volume("eng", "v1", "a/b", null);
    Resource absolute = volume("eng", "v2", "/abs", null);
    host.createVolume(nested);
    host.createVolume(absolute);
    host.launch(commandLaunch(shellTask("t", "true"), nested, absolute), recorder);
    recorder.await("t", TASK_FINISHED);
    Path sandbox = runs("t").resolve("latest").toRealPath();
    try (var entries = Files.list(sandbox)) {
      assertEquals(List.of("stderr", "stdout"), entries.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void aProcessGetsTheMesosEnvironmentAndNothingElse() throws Exception {
    host.launch(commandLaunch(shellTask("t", "env > env.txt", Map.of("FOO", "bar"))), recorder);
    recorder.await("t", TASK_FINISHED);
    Path sandbox = runs("t").resolve("latest").toRealPath();
    Map<String, String> env = new java.util.HashMap<>();
    for (String line : Files.readAllLines(sandbox.resolve("env.txt"))) {
      int eq = line.indexOf('=');
      if (eq > 0) env.put(line.substring(0, eq), line.substring(eq + 1));
    }
    assertEquals(sandbox.toString(), Path.of(env.get("MESOS_SANDBOX")).toRealPath().toString());
    assertEquals(env.get("MESOS_SANDBOX"), env.get("MESOS_DIRECTORY"));
    assertEquals("t", env.get("MESOS_TASK_ID"));
    assertEquals("t", env.get("MESOS_EXECUTOR_ID"));
    assertEquals(FRAMEWORK, env.get("MESOS_FRAMEWORK_ID"));
    assertEquals(AGENT, env.get("MESOS_SLAVE_ID"));
    assertEquals("127.0.0.1:5051", env.get("MESOS_AGENT_ENDPOINT"));
    assertEquals("1", env.get("MESOS_CHECKPOINT"));
    assertEquals("eng/backend", env.get("MESOS_ALLOCATION_ROLE"));
    assertEquals("bar", env.get("FOO"));
    assertEquals(System.getenv("PATH"), env.get("PATH"));
    assertFalse(env.containsKey("PORT0"));
    assertFalse(env.containsKey("PORTS"));
    System.getenv().keySet().stream()
        .filter(k -> !List.of("PATH", "HOME", "LANG", "PWD", "SHLVL", "_", "OLDPWD").contains(k))
        .filter(k -> !k.startsWith("MESOS_") && !k.equals("FOO"))
        .forEach(k -> assertFalse(env.containsKey(k), "simulator variable leaked: " + k));
  }

  @Test
  void taskGroupTasksGetNestedSandboxesAndSeeTheVolumesOfTheirOwnResources() throws Exception {
    Resource data = volume("eng", "grp", "data", null);
    host.createVolume(data);
    // The default executor mounts a task's own volume at its container path; b carries none, so it sees none.
    TaskInfo a = shellTask("a", "echo \"$MESOS_SANDBOX\" > where; echo a >> data/log").toBuilder()
        .addResources(data).build();
    TaskInfo b = shellTask("b", "echo \"$MESOS_SANDBOX\" > where; test ! -e data");
    host.launch(groupLaunch("exec-1", List.of(a, b), data), recorder);
    recorder.await("a", TASK_FINISHED);
    recorder.await("b", TASK_FINISHED);

    Path sandbox = runs("exec-1").resolve("latest").toRealPath();
    assertTrue(Files.isSymbolicLink(sandbox.resolve("data")), "the executor sandbox links the volume");
    for (String task : List.of("a", "b")) {
      Path link = sandbox.resolve("tasks").resolve(task);
      assertTrue(Files.isSymbolicLink(link));
      Path taskSandbox = link.toRealPath();
      assertEquals(sandbox.resolve("containers"), taskSandbox.getParent());
      assertEquals(taskSandbox, Path.of(Files.readString(taskSandbox.resolve("where")).trim()).toRealPath());
      assertTrue(Files.isRegularFile(taskSandbox.resolve("stderr")));
    }
    Path aData = sandbox.resolve("tasks/a/data");
    assertEquals(runs("exec-1").resolve(sandbox.getFileName()).resolve("data"), Files.readSymbolicLink(aData),
        "linked to the source in the parent sandbox, as the isolator links it");
    assertEquals(host.volumePath(data), aData.toRealPath());
    assertEquals(List.of("a"), Files.readAllLines(host.volumePath(data).resolve("log")));
  }

  @Test
  void groupTasksShareAnExecutorVolumeEachAtItsOwnMountPath() throws Exception {
    // Seed 1: pod volume "pst" on the executor, container1 mounts it at pst1, container2 at pst2.
    Resource pst = volume("eng", "pod#pst", "pst", null);
    host.createVolume(pst);
    TaskInfo writer = mountingParent(shellTask("container1", "echo hello >> pst1/foo"), "pst1", "pst");
    TaskInfo reader = mountingParent(
        shellTask("container2", "while [ ! -f pst2/foo ]; do sleep 0.05; done; cat pst2/foo > seen"), "pst2", "pst");
    host.launch(groupLaunch("instance-pod.1", List.of(writer, reader), pst), recorder);
    recorder.await("container1", TASK_FINISHED);
    recorder.await("container2", TASK_FINISHED);

    Path volume = workDir.resolve("volumes/roles/eng/pod#pst");
    assertEquals(volume, host.volumePath(pst));
    assertEquals(List.of("hello"), Files.readAllLines(volume.resolve("foo")));
    Path tasks = runs("instance-pod.1").resolve("latest/tasks");
    assertEquals(List.of("hello"), Files.readAllLines(tasks.resolve("container2/seen")));
    assertEquals(volume.toRealPath(), tasks.resolve("container1/pst1").toRealPath());
    assertEquals(volume.toRealPath(), tasks.resolve("container2/pst2").toRealPath());
    for (String task : List.of("container1", "container2")) {
      assertFalse(Files.exists(tasks.resolve(task).resolve("pst"), LinkOption.NOFOLLOW_LINKS),
          "a nested container sees an executor volume only where it mounts it");
    }
  }

  @Test
  void aSandboxPathTheIsolatorRefusesFailsTheLaunchBeforeAnythingIsLaidOut() {
    TaskInfo escaping = mountingParent(shellTask("a", "true"), "up", "../../x");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> host.launch(groupLaunch("exec-4", List.of(escaping)), recorder));
    assertEquals("Invalid char found in volume.source.sandbox_path.path", e.getMessage());
    assertFalse(Files.exists(runs("exec-4")));
  }

  @Test
  void anImageWithoutACommandRunsVirtuallyWithANoteInStderr() throws Exception {
    Container container = host.launch(commandLaunch(imageTask("web", "nginx:1.25")), recorder);
    recorder.await("web", TASK_RUNNING);
    String stderr = Files.readString(runs("web").resolve("latest/stderr"));
    assertTrue(stderr.contains("mesos-simulator: container image nginx:1.25 not run; task is virtual"), stderr);

    container.kill(Duration.ofSeconds(30));
    recorder.await("web", TASK_KILLED);
  }

  @Test
  void aGroupMixingProcessesAndImagesKillsTheVirtualPartWhenAProcessFails() throws Exception {
    host.launch(groupLaunch("exec-2", List.of(imageTask("img", "redis:7"), shellTask("bad", "sleep 0.3; exit 3"))),
        recorder);
    recorder.await("img", TASK_RUNNING);
    recorder.await("bad", TASK_FAILED);
    recorder.await("img", TASK_KILLED);
    String stderr = Files.readString(runs("exec-2").resolve("latest/tasks/img/stderr"));
    assertTrue(stderr.contains("container image redis:7 not run"), stderr);
  }

  @Test
  void environmentIsComputedPerTaskAndGroupTasksSeeTheirOwnSandbox() {
    AgentFixtures.CapturingRunner capturing = new AgentFixtures.CapturingRunner();
    AgentHost captured = new AgentHost(workDir, tmp.resolve("disks"), capturing);
    captured.launch(groupLaunch("exec-3", List.of(shellTask("a", "true", Map.of("MESOS_SANDBOX", "/nope")),
        shellTask("b", "true"))), recorder);
    ContainerLaunch launch = capturing.launches.get(0);
    Path a = launch.taskSandbox("a");
    assertEquals(launch.sandbox().resolve("containers"), a.getParent());
    assertEquals(a.toString(), launch.environment().get("a").get("MESOS_SANDBOX"), "CommandInfo cannot override it");
    assertNotEquals(a, launch.taskSandbox("b"));
    assertEquals("0", launch.environment().get("b").get("MESOS_CHECKPOINT"));
    assertEquals("eng", launch.environment().get("b").get("MESOS_ALLOCATION_ROLE"));
  }
}
