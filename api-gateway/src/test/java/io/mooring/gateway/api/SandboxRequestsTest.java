package io.mooring.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mooring.proto.v1.ErrorCode;
import io.mooring.runtime.grpc.DomainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The sandbox paths and the offset and length rules of the files endpoints. */
class SandboxRequestsTest {
  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource({"stdout, stdout", "./stdout, stdout", "a//b/./c/, a/b/c", "'', ''", "., ''", "a..b, a..b",
      "...., ....", "data/file.txt, data/file.txt"})
  void pathsStayInsideTheSandbox(String path, String relative) {
    assertEquals(relative, SandboxRequests.relativePath(path));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"/etc/passwd", "/", "..", "../x", "a/../../b", "a/..", "a\u0000b", "a\nb"})
  void pathsLeadingOutAreRefused(String path) {
    assertEquals(ErrorCode.BAD_REQUEST,
        assertThrows(DomainException.class, () -> SandboxRequests.relativePath(path)).info().getCode());
  }

  @Test
  void aPathHasABoundedLength() {
    assertEquals(ErrorCode.BAD_REQUEST, assertThrows(DomainException.class,
        () -> SandboxRequests.relativePath("a".repeat(SandboxRequests.MAX_PATH + 1))).info().getCode());
  }

  @ParameterizedTest(name = "offset [{0}] -> {1}")
  @CsvSource(nullValues = "none", value = {"none, -1", "'', -1", "-1, -1", "0, 0", "123456789012, 123456789012"})
  void offsets(String text, long offset) {
    assertEquals(offset, SandboxRequests.offset(text));
  }

  @ParameterizedTest(name = "length [{0}] -> {1}")
  @CsvSource(nullValues = "none", value = {"none, 1048576", "-1, 1048576", "0, 0", "10, 10", "5000000, 1048576",
      "1048576, 1048576"})
  void lengthsAreCapped(String text, long length) {
    assertEquals(length, SandboxRequests.length(text));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"-2", "abc", "1.5", "0x10", "+1", "9999999999999999999", " 1"})
  void otherNumbersAreRefused(String text) {
    assertEquals(ErrorCode.BAD_REQUEST,
        assertThrows(DomainException.class, () -> SandboxRequests.offset(text)).info().getCode());
    assertEquals(ErrorCode.BAD_REQUEST,
        assertThrows(DomainException.class, () -> SandboxRequests.length(text.equals("-2") ? "-3" : text))
            .info().getCode());
  }
}
