package io.mooring.offer.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.junit.jupiter.api.Test;

class StraysTest {
  private static final TaskID TASK = TaskID.newBuilder().setValue("db.instance-1._app.1").build();
  private static final AgentID AGENT = AgentID.newBuilder().setValue("agent-1").build();
  private final List<String> kills = new ArrayList<>();
  private boolean masterAnswers = true;
  private final Strays strays = new Strays((task, agent) -> {
    kills.add(task.getValue() + "@" + agent.getValue());
    return masterAnswers;
  });

  @Test
  void aStrayStatusIsAcknowledgedOnlyOnceItsKillWasSent() {
    masterAnswers = false;
    assertFalse(strays.reported(TASK, AGENT, true), "unacknowledged: Mesos sends the status again");

    masterAnswers = true;
    assertTrue(strays.reported(TASK, AGENT, true));
    assertEquals(List.of("db.instance-1._app.1@agent-1", "db.instance-1._app.1@agent-1"), kills);
  }

  @Test
  void aStrayIsKilledAgainUntilItReportsItsEnd() {
    strays.reported(TASK, AGENT, true);
    assertEquals(1, strays.killAgain());
    assertEquals(1, strays.killAgain());

    assertTrue(strays.reported(TASK, AGENT, false), "TASK_KILLED: nothing more to kill");
    assertEquals(0, strays.killAgain());
    assertEquals(3, kills.size());
  }

  @Test
  void aWantedTaskIsNeverKilled() {
    assertTrue(strays.reported(TASK, AGENT, false));
    assertEquals(0, strays.killAgain());
    assertEquals(List.of(), kills);
  }
}
