package io.mooring.offer.scheduler;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;

/**
 * Tasks reservation-service wants dead (stale incarnations, abandoned claims), until a status says otherwise. A KILL
 * can fail to be sent or be lost, so each is sent again until its task reports an end; the status that revealed a
 * stray is acknowledged only once its KILL was sent, so that Mesos repeats it otherwise.
 */
final class Strays {
  /** Sends one KILL; false when it could not be sent. */
  interface Killer {
    boolean kill(TaskID task, AgentID agent);
  }

  /** By task and agent: the same task id may run on an agent the instance holds and on one it does not. */
  private final Set<Copy> wanted = ConcurrentHashMap.newKeySet();
  private final Killer killer;

  Strays(Killer killer) {
    this.killer = killer;
  }

  /** A status was stored; returns whether it may be acknowledged. */
  boolean reported(TaskID task, AgentID agent, boolean killWanted) {
    Copy copy = new Copy(task, agent);
    if (!killWanted) {
      wanted.remove(copy);
      return true;
    }
    wanted.add(copy);
    return killer.kill(task, agent);
  }

  /** Sends the KILL of every stray again. */
  int killAgain() {
    return (int) wanted.stream().filter(copy -> killer.kill(copy.task(), copy.agent())).count();
  }

  private record Copy(TaskID task, AgentID agent) {}
}
