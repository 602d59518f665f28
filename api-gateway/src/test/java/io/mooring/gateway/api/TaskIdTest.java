package io.mooring.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskIdTest {
  @ParameterizedTest
  @CsvSource({
      "db.instance-0c4e5a1f-6d2b-11ef-9a3c-0242ac120002._app.1, db.instance-0c4e5a1f-6d2b-11ef-9a3c-0242ac120002, db",
      "group_db.instance-u1._app.12, group_db.instance-u1, group_db",
      "group_pod.instance-u1.postgres.2, group_pod.instance-u1, group_pod",
      "my.app.instance-u1._app.1, my.app.instance-u1, my.app",
      "db.marathon-u1._app.1, db.marathon-u1, db"})
  void aTaskIdNamesItsInstanceAndRunSpec(String id, String instanceId, String safeRunSpecId) {
    assertEquals(Optional.of(new TaskId(id, instanceId, safeRunSpecId)), TaskId.parse(id));
  }

  @ParameterizedTest
  @CsvSource({"garbage", "db.instance-u1", "instance-u1._app.1", "db.instance-._app.1", "db.task-u1._app.1", "''"})
  void anythingElseIsNoTaskId(String id) {
    assertEquals(Optional.empty(), TaskId.parse(id));
  }
}
