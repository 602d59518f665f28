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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualRunnerTest {
  @TempDir Path tmp;
  private final AgentFixtures.Recorder recorder = new AgentFixtures.Recorder();

  private AgentHost host() {
    return new AgentHost(tmp.resolve("work"), tmp.resolve("disks"), new VirtualRunner());
  }

  @Test
  void aVirtualTaskRunsUntilKilled() throws Exception {
    Container container = host().launch(commandLaunch(shellTask("v", "sleep 60")), recorder);
    recorder.await("v", TASK_RUNNING);
    Thread.sleep(100);
    assertEquals(List.of(TASK_STARTING, TASK_RUNNING), recorder.of("v"));
    container.kill(Duration.ofMinutes(10)); // nothing to wait for
    recorder.await("v", TASK_KILLED);
    container.end("v", true, "too late");
    container.kill(Duration.ZERO);
    Thread.sleep(100);
    assertEquals(List.of(TASK_STARTING, TASK_RUNNING, TASK_KILLED), recorder.of("v"));
    assertFalse(recorder.threads.contains(Thread.currentThread().getName()));
  }

  @Test
  void endFinishesOrFailsATaskAndAFailureKillsItsGroup() {
    Container single = host().launch(commandLaunch(shellTask("one", "x")), recorder);
    single.end("one", true, "finished by control API");
    recorder.await("one", TASK_FINISHED);
    assertEquals("finished by control API", recorder.lastMessage.get("one"));

    Container group = host().launch(groupLaunch("g", List.of(shellTask("a", "x"), shellTask("b", "x"))), recorder);
    group.end("a", false, "injected");
    recorder.await("a", TASK_FAILED);
    recorder.await("b", TASK_KILLED);
    assertEquals(List.of(TASK_STARTING, TASK_RUNNING, TASK_KILLED), recorder.of("b"));
  }

  @Test
  void listenersMayCallBackIntoTheContainer() {
    List<Container> holder = new ArrayList<>();
    TaskListener killOnRunning = (taskId, state, message) -> {
      recorder.onState(taskId, state, message);
      if (state == TASK_RUNNING) {
        synchronized (holder) { // a callback may arrive before launch returns: wait for the caller's lock
          holder.get(0).kill(Duration.ZERO);
        }
      }
    };
    synchronized (holder) { // the master's pattern: hold its lock across launch, callbacks queue behind it
      holder.add(host().launch(commandLaunch(shellTask("reentrant", "x")), killOnRunning));
    }
    recorder.await("reentrant", TASK_KILLED);
  }

  @Test
  void tenThousandTasksOnTwoThousandAgentsStayCheapAndOffTheDisk() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger killed = new AtomicInteger();
    TaskListener counter = (taskId, state, message) -> {
      if (state == TaskState.TASK_RUNNING) running.incrementAndGet();
      if (state == TaskState.TASK_KILLED) killed.incrementAndGet();
    };
    VirtualRunner runner = new VirtualRunner();
    List<Container> containers = new ArrayList<>();
    for (int a = 0; a < 2_000; a++) {
      AgentHost agent = new AgentHost(tmp.resolve("agents/" + a), tmp.resolve("disks"), runner);
      for (int t = 0; t < 5; t++) {
        containers.add(agent.launch(commandLaunch(shellTask("t-" + a + "-" + t, "x")), counter));
      }
    }
    AgentFixtures.await("10,000 running", Duration.ofSeconds(10), () -> running.get() == 10_000);
    assertFalse(Files.exists(tmp.resolve("agents")), "no sandbox directories for virtual agents");
    long eventThreads = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("sim-virtual")).count();
    assertEquals(1, eventThreads);

    containers.forEach(c -> c.kill(Duration.ofSeconds(3)));
    AgentFixtures.await("10,000 killed", Duration.ofSeconds(10), () -> killed.get() == 10_000);
  }

  @Test
  void aVirtualAgentCanStillMaterialiseWhenAsked() throws Exception {
    AgentHost agent = new AgentHost(tmp.resolve("work"), tmp.resolve("disks"), new VirtualRunner(), true);
    agent.launch(commandLaunch(shellTask("m", "x")), recorder);
    assertEquals(true, Files.isRegularFile(tmp.resolve("work/slaves").resolve(AgentFixtures.AGENT)
        .resolve("frameworks/fw-1/executors/m/runs/latest/stdout")));
  }
}
