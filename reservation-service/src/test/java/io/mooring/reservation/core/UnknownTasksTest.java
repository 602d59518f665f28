package io.mooring.reservation.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.TaskStatusReport;
import io.mooring.proto.v1.UnknownTaskStatus;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnknownTasksTest {
  /** Marathon's terminalUnknown: every state but the active ones; and only for ids that name an instance. */
  @ParameterizedTest(name = "{0} {1} -> {3}")
  @CsvSource({
      "db.instance-u1._app.1,       TASK_FINISHED,         db.instance-u1,     /db",
      "db.instance-u1._app.1,       TASK_FAILED,           db.instance-u1,     /db",
      "db.instance-u1._app.1,       TASK_KILLED,           db.instance-u1,     /db",
      "db.instance-u1._app.1,       TASK_ERROR,            db.instance-u1,     /db",
      "db.instance-u1._app.1,       TASK_DROPPED,          db.instance-u1,     /db",
      "db.instance-u1._app.1,       TASK_GONE,             db.instance-u1,     /db",
      "db.instance-u1._app.1,       TASK_GONE_BY_OPERATOR, db.instance-u1,     /db",
      "db.instance-u1._app.1,       TASK_UNREACHABLE,      db.instance-u1,     /db",
      "db.instance-u1._app.1,       TASK_LOST,             db.instance-u1,     /db",
      "db.instance-u1._app.1,       TASK_UNKNOWN,          db.instance-u1,     /db",
      "g_web.instance-u2.nginx.3,   TASK_KILLED,           g_web.instance-u2,  /g/web",
      "g_db.marathon-u3._app,       TASK_FAILED,           g_db.marathon-u3,   /g/db",
      "db.instance-u1._app.1,       TASK_STAGING,          '',                 ''",
      "db.instance-u1._app.1,       TASK_STARTING,         '',                 ''",
      "db.instance-u1._app.1,       TASK_RUNNING,          '',                 ''",
      "db.instance-u1._app.1,       TASK_KILLING,          '',                 ''",
      "db.instance-u1._app.1,       NOT_A_STATE,           '',                 ''",
      "sleepy.3f80d17a-37e6-11e4,   TASK_KILLED,           '',                 ''",
      "'',                          TASK_KILLED,           '',                 ''"})
  void whichStatusesOfTasksOfNoInstanceAreRecorded(String taskId, String state, String instanceId,
      String runSpecId) {
    TaskStatusReport report = TaskStatusReport.newBuilder().setTaskId(taskId).setAgentId("agent-1").setState(state)
        .setMessage("anything").build();
    Optional<UnknownTaskStatus> expected = runSpecId.isEmpty() ? Optional.empty()
        : Optional.of(UnknownTaskStatus.newBuilder().setTaskId(taskId).setInstanceId(instanceId)
            .setRunSpecId(runSpecId).setState(state).setAgentId("agent-1").build());
    assertEquals(expected, UnknownTasks.terminated(report));
  }
}
