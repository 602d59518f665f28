package io.mooring.sim.agent;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * One container whose tasks run partly as processes and partly virtually (a task group mixing commands with
 * image-only tasks). For a group, a part that loses a task to failure or a kill takes the other part down too.
 */
final class SplitContainer implements Container {
  private final Container real;
  private final Container virtual;
  private final Set<String> virtualTaskIds;

  private SplitContainer(Container real, Container virtual, Set<String> virtualTaskIds) {
    this.real = real;
    this.virtual = virtual;
    this.virtualTaskIds = virtualTaskIds;
  }

  static Container start(
      ContainerLaunch realPart, TaskRunner realRunner, ContainerLaunch virtualPart, TaskRunner virtualRunner,
      TaskListener listener) {
    Container[] parts = new Container[2];
    AtomicBoolean groupKilled = new AtomicBoolean();
    TaskListener crossKilling = new TaskListener() {
      @Override
      public void onState(String taskId, TaskState state, String message) {
        onStatus(taskId, state, message, null, null);
      }

      @Override
      public void onStatus(String taskId, TaskState state, String message, Boolean healthy, TaskStatus.Reason reason) {
        listener.onStatus(taskId, state, message, healthy, reason);
        // Container.kill never reports on the caller's thread, so killing from inside a callback is safe.
        if (realPart.taskGroup() && TaskStates.killsGroup(state) && groupKilled.compareAndSet(false, true)) {
          Container first;
          Container second;
          synchronized (parts) {
            first = parts[0];
            second = parts[1];
          }
          first.kill(null);
          second.kill(null);
        }
      }
    };
    // A callback may arrive (on a runner thread) before the second part has started; the lock makes it wait until
    // both parts exist. Starting never waits for a callback, so this cannot deadlock.
    synchronized (parts) {
      parts[0] = realRunner.start(realPart, crossKilling);
      parts[1] = virtualRunner.start(virtualPart, crossKilling);
    }
    Set<String> virtualIds =
        virtualPart.tasks().stream().map(t -> t.getTaskId().getValue()).collect(Collectors.toSet());
    return new SplitContainer(parts[0], parts[1], virtualIds);
  }

  @Override
  public void kill(Duration gracePeriod) {
    real.kill(gracePeriod);
    virtual.kill(gracePeriod);
  }

  @Override
  public void end(String taskId, boolean success, String message) {
    (virtualTaskIds.contains(taskId) ? virtual : real).end(taskId, success, message);
  }
}
