package io.mooring.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mooring.gateway.api.LabelSelector.Condition;
import io.mooring.gateway.api.LabelSelector.Op;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Marathon's label selector syntax, with the cases of Marathon's own LabelSelectorParsersTest among them. */
class LabelSelectorTest {
  static Stream<Arguments> parsed() {
    return Stream.of(
        Arguments.of("existence", List.of(new Condition("existence", Op.EXISTS, List.of()))),
        Arguments.of("foo == one", List.of(new Condition("foo", Op.EQUALS, List.of("one")))),
        Arguments.of("foo==one", List.of(new Condition("foo", Op.EQUALS, List.of("one")))),
        Arguments.of("  foo  !=one ", List.of(new Condition("foo", Op.NOT_EQUALS, List.of("one")))),
        Arguments.of("foo in (one, two, three\\ is\\ cool)",
            List.of(new Condition("foo", Op.IN, List.of("one", "two", "three is cool")))),
        Arguments.of("bla notin (one,two,three)",
            List.of(new Condition("bla", Op.NOT_IN, List.of("one", "two", "three")))),
        Arguments.of("foo in ()", List.of(new Condition("foo", Op.IN, List.of()))),
        Arguments.of("a.b-c_d == 1.0-x_y", List.of(new Condition("a.b-c_d", Op.EQUALS, List.of("1.0-x_y")))),
        Arguments.of("\\{\\{\\{ in (\\*\\*\\*, \\&\\&\\&, \\$\\$\\$), "
            + "\\^\\^\\^ notin (\\-\\-\\-, \\!\\!\\!), \\#\\#\\#",
            List.of(new Condition("{{{", Op.IN, List.of("***", "&&&", "$$$")),
                new Condition("^^^", Op.NOT_IN, List.of("---", "!!!")),
                new Condition("###", Op.EXISTS, List.of()))),
        Arguments.of("k == a\\,b", List.of(new Condition("k", Op.EQUALS, List.of("a,b")))),
        Arguments.of("k == \\\uD83D\uDE00", List.of(new Condition("k", Op.EQUALS, List.of("\uD83D\uDE00")))),
        Arguments.of("k" + "e".repeat(100_000) + " == " + "\\!".repeat(50_000), List.of(new Condition(
            "k" + "e".repeat(100_000), Op.EQUALS, List.of("!".repeat(50_000))))),  // no stack overflow
        // a label named like an operator is still a label
        Arguments.of("in", List.of(new Condition("in", Op.EXISTS, List.of()))),
        Arguments.of("in in (in)", List.of(new Condition("in", Op.IN, List.of("in")))),
        Arguments.of("foo==one, bla!=one, foo in (one, two), bla notin (one, two), existence", List.of(
            new Condition("foo", Op.EQUALS, List.of("one")), new Condition("bla", Op.NOT_EQUALS, List.of("one")),
            new Condition("foo", Op.IN, List.of("one", "two")), new Condition("bla", Op.NOT_IN, List.of("one", "two")),
            new Condition("existence", Op.EXISTS, List.of()))),
        // Marathon's grammar allows no selector at all: every app matches
        Arguments.of("", List.of()),
        Arguments.of("   ", List.of()));
  }

  @ParameterizedTest
  @MethodSource("parsed")
  void selectorsParse(String query, List<Condition> conditions) {
    assertEquals(conditions, LabelSelector.parse(query).conditions());
  }

  static Stream<Arguments> matches() {
    Map<String, String> fooOne = Map.of("foo", "one");
    Map<String, String> fooFour = Map.of("foo", "four");
    Map<String, String> blaOne = Map.of("bla", "one");
    return Stream.of(
        Arguments.of("foo", fooOne, true),
        Arguments.of("foo", blaOne, false),
        Arguments.of("foo == one", fooOne, true),
        Arguments.of("foo == one", fooFour, false),
        Arguments.of("foo == one", blaOne, false),
        Arguments.of("foo != one", fooOne, false),
        Arguments.of("foo != one", fooFour, true),
        Arguments.of("foo != one", blaOne, false),  // != needs the label, as in Marathon
        Arguments.of("foo in (one, two)", fooOne, true),
        Arguments.of("foo in (one, two)", fooFour, false),
        Arguments.of("foo in (one, two)", blaOne, false),
        Arguments.of("foo notin (one, two)", fooOne, false),
        Arguments.of("foo notin (one, two)", fooFour, true),
        Arguments.of("foo notin (one, two)", blaOne, false),  // so does notin
        Arguments.of("foo notin ()", fooFour, true),
        Arguments.of("foo in ()", fooFour, false),
        Arguments.of("foo == ONE", fooOne, false),  // values are compared as they are
        Arguments.of("foo, bla", Map.of("foo", "1", "bla", "2"), true),
        Arguments.of("foo, bla", fooOne, false),
        Arguments.of("foo==one, bla!=one, existence", Map.of("foo", "one", "bla", "four", "existence", ""), true),
        Arguments.of("", Map.of(), true));
  }

  @ParameterizedTest
  @MethodSource("matches")
  void selectorsMatchLabels(String query, Map<String, String> labels, boolean matches) {
    assertEquals(matches, LabelSelector.parse(query).matches(labels), query + " on " + labels);
  }

  @ParameterizedTest
  @ValueSource(strings = {"foo some (one, two, three)", "foo in one", "foo test", "foo = bar", "foo ==", "foo == (a)",
      "foo in (a", "foo in (a,)", "foo in (a b)", "a,", ",a", "a,,b", "foo!", "foo:bar", "foo == a b",
      "foo notin", "foo === bar"})
  void malformedSelectorsAreRefusedWithMarathonsMessage(String query) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse(query));
    String prefix = "Can not parse label selector " + query + ". Reason: ";
    assertEquals(prefix, refused.getMessage().substring(0, Math.min(prefix.length(), refused.getMessage().length())));
  }

  static Stream<Arguments> reasons() {
    return Stream.of(
        Arguments.of("foo test", "',' expected but 't' found"),
        Arguments.of("foo in one", "'(' expected but 'o' found"),
        Arguments.of("foo in (a", "')' expected but end of source found"),
        Arguments.of("foo:bar", "',' expected but ':' found"));
  }

  @ParameterizedTest
  @MethodSource("reasons")
  void theReasonNamesWhatWasExpectedWhere(String query, String reason) {
    assertEquals("Can not parse label selector " + query + ". Reason: " + reason,
        assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse(query)).getMessage());
  }
}
