package io.mooring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Instance, task, persistence and operation ids: made and read back by the same rules. */
class IdsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"/app, app", "/group/app, group_app", "/a.b/c, a.b_c", "/a/b/c.d, a_b_c.d", "app, app"})
  void safeRunSpecIdsConvertBackExactly(String runSpecId, String safe) {
    assertEquals(safe, InstanceIds.safeRunSpecId(runSpecId));
    assertEquals(runSpecId.startsWith("/") ? runSpecId : "/" + runSpecId, InstanceIds.runSpecIdOf(safe));
  }

  @ParameterizedTest(name = "{0} {1} #{2}")
  @CsvSource({
      "/group/app, 0b6e4e2c-1f0e-11ee-be56-0242ac120002, 3",
      "/my.app,    5a1c0d2e-1f0e-11ee-be56-0242ac120002, 1",
      "/a.b/c,     u1, 42",
      "/a/b/c,     u1, 1",
      "/instance-x/db.marathon-y, u2, 7"})
  void instanceAndTaskIdsRoundTrip(String runSpecId, String uuid, int incarnation) {
    String instanceId = InstanceIds.of(runSpecId, uuid);

    assertEquals(InstanceIds.safeRunSpecId(runSpecId) + ".instance-" + uuid, instanceId);
    assertTrue(InstanceIds.isInstanceId(instanceId));
    assertEquals(instanceId + "._app." + incarnation, TaskIds.app(instanceId, incarnation));
    assertEquals(Optional.of(instanceId), TaskIds.instanceIdOf(TaskIds.app(instanceId, incarnation)));
    assertEquals(Optional.of(instanceId), TaskIds.instanceIdOf(TaskIds.pod(instanceId, "web-1", incarnation)));
    String taskId = TaskIds.app(instanceId, incarnation);
    assertEquals(Optional.of(taskId), OperationIds.taskIdOf(OperationIds.reserve(taskId)));
    assertEquals(Optional.of(taskId), OperationIds.taskIdOf(OperationIds.create(taskId)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "group_app.instance-abc._app.1,     group_app.instance-abc",
      "group_app.instance-abc.web.12,     group_app.instance-abc",
      "group_pod.instance-abc.1.2,        group_pod.instance-abc",
      "group_app.marathon-abc._app.2,     group_app.marathon-abc",
      "group_app.instance-abc.web,        group_app.instance-abc",
      "my.dotted.app.instance-abc._app.3, my.dotted.app.instance-abc",
      "a.b_c.instance-abc.db.4,           a.b_c.instance-abc",
      "a.instance-u.marathon-sidecar.1,   a.instance-u",
      "a.instance-u.instance-db.2,        a.instance-u"})
  void tasksNameTheirInstance(String taskId, String instanceId) {
    assertEquals(Optional.of(instanceId), TaskIds.instanceIdOf(taskId));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "group_app.instance-abc._app.1,     _app",
      "group_app.instance-abc.web.12,     web",
      "group_app.instance-abc.web,        web",
      "a.instance-u.instance-db.2,        instance-db",
      "a.instance-u.marathon-sidecar.1,   marathon-sidecar",
      "my.dotted.app.instance-abc.db-1.3, db-1"})
  void tasksNameTheirContainer(String taskId, String container) {
    assertEquals(Optional.of(container), TaskIds.containerOf(taskId));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "app", "app.instance-abc", "app.abc._app.1", "instance-abc._app.1",
      "app.instance-._app.1", "app.task-abc._app.1", "app.instance-abc.a.b.c", "app.instance-abc._app.x",
      "app.instance-abc._app.1."})
  void otherIdsAreNoTaskIds(String id) {
    assertEquals(Optional.empty(), TaskIds.instanceIdOf(id));
    assertEquals(Optional.empty(), TaskIds.containerOf(id));
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @CsvSource({"app.instance-u1, true, /app", "a.b_c.marathon-u1, true, /a.b/c",
      "my.dotted.app.instance-u1, true, /my.dotted.app", "app, false, ''", "app.instance-, false, ''",
      "instance-u1, false, ''", "app.instance-u1._app.1, false, ''", "'', false, ''"})
  void instanceIdsNameTheirRunSpec(String id, boolean valid, String runSpecId) {
    assertEquals(valid, InstanceIds.isInstanceId(id));
    assertEquals(valid ? Optional.of(runSpecId) : Optional.empty(), InstanceIds.runSpecIdOfInstance(id));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"/group/app, data, u7, group_app#data#u7", "/a.b/c, pgdata, u8, a.b_c#pgdata#u8",
      "/db, with#hash, u9, db#with#hash#u9"})
  void persistenceIdsNameTheirRunSpec(String runSpecId, String containerPath, String uuid, String persistenceId) {
    assertEquals(persistenceId, PersistenceIds.of(runSpecId, containerPath, uuid));
    assertEquals(Optional.of(runSpecId), PersistenceIds.runSpecIdOf(persistenceId));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "db", "#data#u1", "db#data", "db-data-u1"})
  void otherVolumeIdsNameNoRunSpec(String persistenceId) {
    assertEquals(Optional.empty(), PersistenceIds.runSpecIdOf(persistenceId));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", ".reserve", "app.instance-u1._app.1", "app.instance-u1._app.1.launch",
      "app.instance-u1._app.1.reserved"})
  void otherOperationIdsNameNoTask(String operationId) {
    assertEquals(Optional.empty(), OperationIds.taskIdOf(operationId));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(nullValues = "none", value = {
      "group_app.instance-u1._app.3,  group_app.instance-u1._app.3",
      "group_pod.instance-u1.web.3,   instance-group_pod.instance-u1.3",
      "group_pod.instance-u1.web,     instance-group_pod.instance-u1",
      "pod.instance-u1.db.99999999999, none",
      "app.instance-u1,               none",
      "'',                            none"})
  void tasksNameTheirExecutor(String taskId, String executorId) {
    assertEquals(Optional.ofNullable(executorId), TaskIds.executorIdOf(taskId));
  }

  @ParameterizedTest(name = "{0} #{1}")
  @CsvSource({"db.instance-u1, 1, instance-db.instance-u1.1", "a.b_c.instance-u2, 12, instance-a.b_c.instance-u2.12"})
  void executorIdsAreUniquePerLaunch(String instanceId, int incarnation, String executorId) {
    assertEquals(executorId, TaskIds.executorId(instanceId, incarnation));
    assertFalse(TaskIds.executorId(instanceId, incarnation).equals(TaskIds.executorId(instanceId, incarnation + 1)));
  }
}
