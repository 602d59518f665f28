package io.mooring.gateway.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpStatus;
import io.mooring.proto.v1.ErrorCode;
import io.mooring.proto.v1.ErrorInfo;
import io.mooring.proto.v1.Violation;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorMapperTest {
  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(ErrorCode.BAD_REQUEST, HttpStatus.BAD_REQUEST),
        Arguments.of(ErrorCode.NOT_FOUND, HttpStatus.NOT_FOUND),
        Arguments.of(ErrorCode.CONFLICT, HttpStatus.CONFLICT),
        Arguments.of(ErrorCode.FORBIDDEN, HttpStatus.FORBIDDEN),
        Arguments.of(ErrorCode.UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE),
        Arguments.of(ErrorCode.ERROR_CODE_UNSPECIFIED, HttpStatus.INTERNAL_SERVER_ERROR));
  }

  @ParameterizedTest
  @MethodSource("table")
  void plainErrorsCarryTheServiceMessage(ErrorCode code, HttpStatus status) {
    MarathonError error = ErrorMapper.toHttp(ErrorInfo.newBuilder().setCode(code).setMessage("App '/x' said no")
        .build());
    assertEquals(status, error.status());
    assertEquals("{\"message\":\"App '/x' said no\"}", error.body().toString());
  }

  @Test
  void invalidIsA422WithEveryViolation() {
    ErrorInfo info = ErrorInfo.newBuilder().setCode(ErrorCode.INVALID).setMessage("Object is not valid")
        .addDetails(Violation.newBuilder().setPath("/container/volumes(0)/containerPath")
            .addErrors("value must not contain \"/\""))
        .addDetails(Violation.newBuilder().setPath("/upgradeStrategy/maximumOverCapacity")
            .addErrors("got 1.0, expected 0.0").addErrors("second"))
        .build();
    MarathonError error = ErrorMapper.toHttp(info);
    assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, error.status());
    assertEquals("{\"message\":\"Object is not valid\",\"details\":["
        + "{\"path\":\"/container/volumes(0)/containerPath\",\"errors\":[\"value must not contain \\\"/\\\"\"]},"
        + "{\"path\":\"/upgradeStrategy/maximumOverCapacity\",\"errors\":[\"got 1.0, expected 0.0\",\"second\"]}]}",
        error.body().toString());
  }

  @Test
  void lockedIsA409NamingTheDeployments() {
    ErrorInfo info = ErrorInfo.newBuilder().setCode(ErrorCode.LOCKED)
        .setMessage("App is locked by one or more deployments.").addDeploymentIds("d1").addDeploymentIds("d2")
        .build();
    MarathonError error = ErrorMapper.toHttp(info);
    assertEquals(HttpStatus.CONFLICT, error.status());
    assertEquals("{\"message\":\"App is locked by one or more deployments.\","
        + "\"deployments\":[{\"id\":\"d1\"},{\"id\":\"d2\"}]}", error.body().toString());
  }

  @Test
  void theTableCoversEveryErrorCode() {
    Set<ErrorCode> covered = table().map(arguments -> (ErrorCode) arguments.get()[0])
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(ErrorCode.class)));
    covered.addAll(Set.of(ErrorCode.INVALID, ErrorCode.LOCKED));
    Set<ErrorCode> all = Arrays.stream(ErrorCode.values()).filter(code -> code != ErrorCode.UNRECOGNIZED)
        .collect(Collectors.toSet());
    assertEquals(all, covered);
  }
}
