package io.mooring.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mooring.gateway.api.RunSpecPath.Resource;
import io.mooring.proto.v1.ErrorCode;
import io.mooring.runtime.grpc.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunSpecPathTest {
  @ParameterizedTest
  @CsvSource({
      "app, /app, SPEC, , ",
      "group/app, /group/app, SPEC, , ",
      "group/app/, /group/app, SPEC, , ",
      "/group/app, /group/app, SPEC, , ",
      "group/app/versions, /group/app, VERSIONS, , ",
      "group/app/versions/2025-01-02T03:04:05.678Z, /group/app, VERSION, 2025-01-02T03:04:05.678Z, ",
      "group/app/restart, /group/app, RESTART, , ",
      "group/restart/app, /group/restart/app, SPEC, , ",
      "group/versions/a/b, /group/versions/a/b, SPEC, , ",
      "app::versions, /app::versions, SPEC, , ",
      "group/app/tasks, /group/app, TASKS, , ",
      "group/app/tasks/group_app.instance-1a2b._app.3, /group/app, TASK, , group_app.instance-1a2b._app.3",
      "group/tasks/app, /group, TASK, , app",
      "group/tasks/a/b, /group/tasks/a/b, SPEC, , "})
  void appPaths(String path, String id, Resource resource, String version, String taskId) {
    assertEquals(new RunSpecPath(id, resource, version, taskId, null), RunSpecPath.app(path));
  }

  @ParameterizedTest
  @CsvSource({
      "pod, /pod, SPEC, , ",
      "group/pod/, /group/pod, SPEC, , ",
      "group/pod::versions, /group/pod, VERSIONS, , ",
      "group/pod::versions/2025-01-02T03:04:05.678Z, /group/pod, VERSION, 2025-01-02T03:04:05.678Z, ",
      "group/pod/versions, /group/pod/versions, SPEC, , ",
      "group/pod/tasks, /group/pod/tasks, SPEC, , ",
      "group/pod::status, /group/pod, STATUS, , ",
      "::status, /, STATUSES, , ",
      "/::status, /, STATUSES, , ",
      "group/pod::status/x, /group/pod::status/x, SPEC, , ",
      "group/pod::instances, /group/pod, INSTANCES, , ",
      "group/pod::instances/group_pod.instance-1a2b, /group/pod, INSTANCE, , group_pod.instance-1a2b",
      "group/pod::instances/a/b, /group/pod::instances/a/b, SPEC, , ",
      "group::status/pod::instances, /group::status/pod, INSTANCES, , "})
  void podPaths(String path, String id, Resource resource, String version, String instanceId) {
    assertEquals(new RunSpecPath(id, resource, version, null, instanceId), RunSpecPath.pod(path));
  }

  @Test
  void aSuffixWhereNoneBelongsIsAnUnknownUri() {
    DomainException error = assertThrows(DomainException.class,
        () -> RunSpecPath.app("group/app/restart").require(Resource.SPEC));
    assertEquals(ErrorCode.NOT_FOUND, error.info().getCode());
    assertEquals("URI not found", error.info().getMessage());
  }
}
