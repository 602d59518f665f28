package io.mooring.runtime.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.mooring.proto.v1.ErrorCode;
import io.mooring.proto.v1.ErrorInfo;
import io.mooring.proto.v1.Violation;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class GrpcErrorsTest {
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = ErrorCode.class, mode = EnumSource.Mode.EXCLUDE, names = "UNRECOGNIZED")
  void aDomainErrorCrossesGrpcWhole(ErrorCode code) {
    ErrorInfo raised = ErrorInfo.newBuilder().setCode(code).setMessage("App '/x' said no")
        .addDetails(Violation.newBuilder().setPath("/id").addErrors("must not be empty"))
        .addDeploymentIds("d1").build();

    assertEquals(raised, GrpcErrors.fromThrowable(GrpcErrors.toStatus(new DomainException(raised))));
  }

  @Test
  void aLongMessageAndManyViolationsAreCutToFitTheTrailers() {
    ErrorInfo.Builder raised = ErrorInfo.newBuilder().setCode(ErrorCode.INVALID)
        .setMessage("App '/" + "a".repeat(5000) + "' does not exist");
    for (int i = 0; i < 200; i++) {
      raised.addDetails(Violation.newBuilder().setPath("/constraints(" + i + ")").addErrors("must be a pair"));
    }
    ErrorInfo received = GrpcErrors.fromThrowable(GrpcErrors.toStatus(new DomainException(raised.build())));
    assertEquals(GrpcErrors.MAX_MESSAGE + 3, received.getMessage().length());
    assertTrue(received.getSerializedSize() <= GrpcErrors.MAX_DETAILS_BYTES + 100, "" + received.getSerializedSize());
    Violation last = received.getDetails(received.getDetailsCount() - 1);
    assertEquals("and " + (201 - received.getDetailsCount()) + " more violations", last.getErrors(0));
    assertEquals(raised.getDetails(0), received.getDetails(0), "the first are kept as they were");
  }

    @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"UNAVAILABLE, UNAVAILABLE", "DEADLINE_EXCEEDED, UNAVAILABLE", "RESOURCE_EXHAUSTED, UNAVAILABLE",
      "ABORTED, UNAVAILABLE", "NOT_FOUND, NOT_FOUND", "ALREADY_EXISTS, CONFLICT", "INVALID_ARGUMENT, BAD_REQUEST",
      "INTERNAL, ERROR_CODE_UNSPECIFIED", "UNKNOWN, ERROR_CODE_UNSPECIFIED"})
  void aBareStatusMeansWhatItsCodeSays(Status.Code status, ErrorCode code) {
    assertEquals(code, GrpcErrors.fromThrowable(Status.fromCode(status).asRuntimeException()).getCode());
  }

  @Test
  void aCallKeepsTheCalleesCodeAndSaysWhatWasUnreachable() {
    DomainException notFound = GrpcErrors.fromCall(GrpcErrors.toStatus(Errors.notFound("App '/x' does not exist")),
        "definition-service is unavailable");
    DomainException invalid = GrpcErrors.fromCall(GrpcErrors.toStatus(Errors.invalid(List.of(
        Violation.newBuilder().setPath("/instances").addErrors("must be >= 0").build()))), "unused");
    DomainException transport = GrpcErrors.fromCall(
        Status.UNAVAILABLE.withDescription("io exception").asRuntimeException(), "definition-service is unavailable");

    assertEquals(ErrorInfo.newBuilder().setCode(ErrorCode.NOT_FOUND).setMessage("App '/x' does not exist").build(),
        notFound.info());
    assertEquals(ErrorCode.INVALID, invalid.info().getCode());
    assertEquals("/instances", invalid.info().getDetails(0).getPath());
    assertEquals(ErrorInfo.newBuilder().setCode(ErrorCode.UNAVAILABLE)
        .setMessage("definition-service is unavailable: io exception").build(), transport.info());
  }

  /** The gateway retries gRPC UNAVAILABLE: a domain error of any other code must never travel as one. */
  @Test
  void onlyUnavailableTravelsAsUnavailable() {
    for (ErrorCode code : EnumSet.complementOf(EnumSet.of(ErrorCode.UNRECOGNIZED))) {
      Status.Code status = GrpcErrors.statusOf(code).getCode();
      assertEquals(code == ErrorCode.UNAVAILABLE, status == Status.Code.UNAVAILABLE, code.name());
    }
  }
}
