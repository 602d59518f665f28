package io.mooring.sim.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RolesAndIdsTest {

  static Stream<Arguments> roles() {
    return Stream.of(
        row("*", null),
        row("eng", null),
        row("eng/backend", null),
        row("a-b.c_d", null),
        row("a/b/c", null),
        row("", "Role names cannot be the empty string"),
        row("/eng", "Role '/eng' cannot start with a slash"),
        row("eng/", "Role 'eng/' cannot end with a slash"),
        row("/", "Role '/' cannot start with a slash"),
        row("a//b", "Role 'a//b' cannot contain two adjacent slashes"),
        row(".", "Role '.' cannot include '.' as a component"),
        row("..", "Role '..' cannot include '..' as a component"),
        row("a/./b", "Role 'a/./b' cannot include '.' as a component"),
        row("a/../b", "Role 'a/../b' cannot include '..' as a component"),
        row("a/*", "Role 'a/*' cannot include '*' as a component"),
        row("-a", "Role component '-a' is invalid because it starts with a dash"),
        row("a/-b", "Role component '-b' is invalid because it starts with a dash"),
        row("a b", "Role component 'a b' is invalid because it contains backspace or whitespace"),
        row("a\tb", "Role component 'a\tb' is invalid because it contains backspace or whitespace"),
        row("a/b\n", "Role component 'b\n' is invalid because it contains backspace or whitespace"),
        row("a\u007f", "Role component 'a\u007f' is invalid because it contains backspace or whitespace"));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("roles")
  void validateRole(String role, String expectedError) {
    assertEquals(Optional.ofNullable(expectedError), Roles.validate(role));
  }

  @ParameterizedTest(name = "{0} strict ancestor of {1}: {2}")
  @CsvSource({"eng, eng/a, true", "eng, eng/a/b, true", "eng/a, eng/a/b, true", "eng, eng, false",
      "eng, engx, false", "eng, engx/a, false", "eng/a, eng, false", "eng, ops/eng, false"})
  void isStrictAncestor(String parent, String child, boolean expected) {
    assertEquals(expected, Roles.isStrictAncestor(parent, child));
  }

  static Stream<Arguments> ids() {
    return Stream.of(
        row("task-1.2_x", null),
        row("...", null),
        row("x".repeat(255), null),
        row("", "ID must not be empty"),
        row("x".repeat(256), "ID must not be greater than 255 characters"),
        row("é".repeat(128), "ID must not be greater than 255 characters"),
        row(".", "'.' is disallowed"),
        row("..", "'..' is disallowed"),
        row("a/b", "'a/b' contains invalid characters"),
        row("a\\b", "'a\\b' contains invalid characters"),
        row("a\nb", "'a\nb' contains invalid characters"),
        row("a\u0000b", "'a\u0000b' contains invalid characters"),
        row("a\u007fb", "'a\u007fb' contains invalid characters"),
        row("a b", null));
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("ids")
  void validateId(String id, String expectedError) {
    assertEquals(Optional.ofNullable(expectedError), Ids.validate(id));
  }

  private static Arguments row(String value, String expectedError) {
    return Arguments.of(value, expectedError);
  }
}
