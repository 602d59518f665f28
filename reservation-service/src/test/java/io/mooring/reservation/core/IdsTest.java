package io.mooring.reservation.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"/app, app", "/group/app, group_app", "/a/b/c.d, a_b_c.d", "app, app"})
  void safeRunSpecIds(String runSpecId, String safe) {
    assertEquals(safe, Ids.safeRunSpecId(runSpecId));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "/group/app, 0b6e4e2c-1f0e-11ee-be56-0242ac120002, 3",
      "/my.app,    5a1c0d2e-1f0e-11ee-be56-0242ac120002, 1",
      "/a/b/c,     u1, 42"})
  void instanceAndTaskIdsRoundTrip(String runSpecId, String uuid, int incarnation) {
    String instanceId = Ids.instanceId(runSpecId, uuid);
    String taskId = Ids.taskId(instanceId, incarnation);

    assertEquals(Ids.safeRunSpecId(runSpecId) + ".instance-" + uuid, instanceId);
    assertEquals(instanceId + "._app." + incarnation, taskId);
    assertEquals(Optional.of(instanceId), Ids.instanceIdOfTask(taskId));
    assertEquals(Optional.of(instanceId), Ids.instanceIdOfTask(Ids.podTaskId(instanceId, "web", incarnation)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "group_app.instance-abc._app.1,      group_app.instance-abc",
      "group_app.instance-abc.web.12,      group_app.instance-abc",
      "group_app.marathon-abc._app.2,      group_app.marathon-abc",
      "group_app.instance-abc.web,         group_app.instance-abc",
      "my.dotted.app.instance-abc._app.3,  my.dotted.app.instance-abc"})
  void tasksParseBackToTheirInstance(String taskId, String instanceId) {
    assertEquals(Optional.of(instanceId), Ids.instanceIdOfTask(taskId));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "app", "app.instance-abc", "app.abc._app.1", "instance-abc._app.1"})
  void otherIdsAreNotTasks(String taskId) {
    assertEquals(Optional.empty(), Ids.instanceIdOfTask(taskId));
  }

  @Test
  void persistenceIds() {
    assertEquals("group_app#data#u7", Ids.persistenceId("/group/app", "data", "u7"));
  }
}
