package io.mooring.gateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marathon's label selector ({@code GET /v2/apps?label=...}), read as its LabelSelectorParsers reads it:
 * <pre>
 * query:     selector {, selector}          every selector must match (an empty query matches every app)
 * selector:  term                           the label is present
 *          | term ==|!= term                present, and (not) equal to the value
 *          | term in|notin ( [term {, term}] )   present, and (not) one of the values
 * term:      letters, digits and . - _; any other character escaped with a backslash
 * </pre>
 * Whitespace between tokens is ignored. As in Marathon, {@code !=} and {@code notin} also require the label.
 */
final class LabelSelector {
  enum Op { EXISTS, EQUALS, NOT_EQUALS, IN, NOT_IN }

  /** One selector: the label must be present, and its value pass {@code op} with {@code values}. */
  record Condition(String label, Op op, List<String> values) {
    Condition {
      values = List.copyOf(values);
    }

    boolean matches(Map<String, String> labels) {
      String value = labels.get(label);
      if (value == null) {
        return false;
      }
      return switch (op) {
        case EXISTS -> true;
        case EQUALS, IN -> values.contains(value);
        case NOT_EQUALS, NOT_IN -> !values.contains(value);
      };
    }
  }

  private final List<Condition> conditions;

  private LabelSelector(List<Condition> conditions) {
    this.conditions = List.copyOf(conditions);
  }

  /**
   * The selector {@code query} states; an {@link IllegalArgumentException} with Marathon's message ("Can not parse
   * label selector ... Reason: ...") when it does not parse.
   */
  static LabelSelector parse(String query) {
    return new LabelSelector(new Parser(query).selectors());
  }

  List<Condition> conditions() {
    return conditions;
  }

  boolean matches(Map<String, String> labels) {
    return conditions.stream().allMatch(condition -> condition.matches(labels));
  }

  /**
   * A backtracking descent over the grammar, like Scala's parser combinators Marathon uses: alternatives are tried in
   * Marathon's order (set, equality, existence), and a failure reports the furthest position any alternative reached.
   */
  private static final class Parser {
    private static final Pattern WHITESPACE = Pattern.compile("\\s*");
    private static final Pattern TERM = Pattern.compile("(\\\\.|[-A-Za-z0-9_.])+");
    private static final Pattern ESCAPED = Pattern.compile("\\\\(.)");
    private static final Pattern EQUALITY_OP = Pattern.compile("==|!=");
    private static final Pattern SET_OP = Pattern.compile("in|notin");
    private static final Pattern COMMA = Pattern.compile(",");
    private static final Pattern OPEN = Pattern.compile("\\(");
    private static final Pattern CLOSE = Pattern.compile("\\)");

    private final String text;
    private int pos;
    private int furthestFailure = -1;
    private String expectedThere = "";

    Parser(String text) {
      this.text = text;
    }

    List<Condition> selectors() {
      List<Condition> selectors = new ArrayList<>();
      Optional<Condition> first = selector();
      if (first.isPresent()) {
        selectors.add(first.get());
        while (true) {
          int before = pos;
          Optional<Condition> next = token(COMMA, "','").flatMap(comma -> selector());
          if (next.isEmpty()) {
            pos = before;
            break;
          }
          selectors.add(next.get());
        }
      }
      int end = skipWhitespace(pos);
      if (end < text.length()) {
        String reason = furthestFailure >= end ? expectedThere + " expected but " + found(furthestFailure)
            : "end of input expected";
        throw new IllegalArgumentException("Can not parse label selector " + text + ". Reason: " + reason);
      }
      return selectors;
    }

    private Optional<Condition> selector() {
      int start = pos;
      Optional<Condition> set = setSelector();
      if (set.isPresent()) {
        return set;
      }
      pos = start;
      Optional<Condition> equality = equalitySelector();
      if (equality.isPresent()) {
        return equality;
      }
      pos = start;
      Optional<Condition> existence = term().map(label -> new Condition(label, Op.EXISTS, List.of()));
      if (existence.isEmpty()) {
        pos = start;
      }
      return existence;
    }

    private Optional<Condition> setSelector() {
      Optional<String> label = term();
      Optional<String> op = label.flatMap(l -> token(SET_OP, "string matching regex '" + SET_OP + "'"));
      Optional<List<String>> values = op.flatMap(o -> set());
      return values.map(v -> new Condition(label.get(), op.get().equals("in") ? Op.IN : Op.NOT_IN, v));
    }

    private Optional<Condition> equalitySelector() {
      Optional<String> label = term();
      Optional<String> op = label.flatMap(l -> token(EQUALITY_OP, "string matching regex '" + EQUALITY_OP + "'"));
      Optional<String> value = op.flatMap(o -> term());
      return value.map(v -> new Condition(label.get(), op.get().equals("==") ? Op.EQUALS : Op.NOT_EQUALS,
          List.of(v)));
    }

    /** ( [term {, term}] ) */
    private Optional<List<String>> set() {
      if (token(OPEN, "'('").isEmpty()) {
        return Optional.empty();
      }
      List<String> values = new ArrayList<>();
      Optional<String> first = term();
      if (first.isPresent()) {
        values.add(first.get());
        while (true) {
          int before = pos;
          Optional<String> next = token(COMMA, "','").flatMap(comma -> term());
          if (next.isEmpty()) {
            pos = before;
            break;
          }
          values.add(next.get());
        }
      }
      return token(CLOSE, "')'").map(close -> values);
    }

    /** A term with its escapes resolved ({@code \,} is a comma). */
    private Optional<String> term() {
      return token(TERM, "string matching regex '" + TERM + "'")
          .map(term -> ESCAPED.matcher(term).replaceAll("$1"));
    }

    /** What {@code pattern} matches after any whitespace, consumed; or nothing, noting the failure. */
    private Optional<String> token(Pattern pattern, String description) {
      int start = skipWhitespace(pos);
      Matcher matcher = pattern.matcher(text).region(start, text.length());
      if (matcher.lookingAt()) {
        pos = matcher.end();
        return Optional.of(matcher.group());
      }
      if (start >= furthestFailure) {
        furthestFailure = start;
        expectedThere = description;
      }
      return Optional.empty();
    }

    private int skipWhitespace(int from) {
      Matcher matcher = WHITESPACE.matcher(text).region(from, text.length());
      return matcher.lookingAt() ? matcher.end() : from;
    }

    private String found(int at) {
      return at >= text.length() ? "end of source found" : "'" + text.charAt(at) + "' found";
    }
  }
}
