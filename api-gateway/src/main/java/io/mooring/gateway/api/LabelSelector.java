package io.mooring.gateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    private static final String TERM_CHARACTERS = "-_.";
    /** What a regex's {@code .} does not match. */
    private static final Set<Character> LINE_TERMINATORS = Set.of('\n', '\r', '\u0085', '\u2028', '\u2029');
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

    /**
     * A term with its escapes resolved ({@code \,} is a comma): Marathon's {@code (\\.|[-A-Za-z0-9_.])+}, scanned by
     * hand, since Java's regex engine recurses once per repetition of such a group and a long term would overflow
     * the stack.
     */
    private Optional<String> term() {
      int start = skipWhitespace(pos);
      StringBuilder term = new StringBuilder();
      int at = start;
      while (at < text.length()) {
        char c = text.charAt(at);
        if (plain(c)) {
          term.append(c);
          at++;
        } else if (c == '\\' && at + 1 < text.length() && !LINE_TERMINATORS.contains(text.charAt(at + 1))) {
          int escaped = text.codePointAt(at + 1);
          term.appendCodePoint(escaped);
          at += 1 + Character.charCount(escaped);
        } else {
          break;
        }
      }
      if (at == start) {
        noteFailure(start, "string matching regex '(\\\\.|[-A-Za-z0-9_.])+'");
        return Optional.empty();
      }
      pos = at;
      return Optional.of(term.toString());
    }

    /** A character a term may hold unescaped: ASCII letters and digits, {@code -}, {@code _} and {@code .}. */
    private static boolean plain(char c) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || TERM_CHARACTERS.indexOf(c) >= 0;
    }

    /** What {@code pattern} matches after any whitespace, consumed; or nothing, noting the failure. */
    private Optional<String> token(Pattern pattern, String description) {
      int start = skipWhitespace(pos);
      Matcher matcher = pattern.matcher(text).region(start, text.length());
      if (matcher.lookingAt()) {
        pos = matcher.end();
        return Optional.of(matcher.group());
      }
      noteFailure(start, description);
      return Optional.empty();
    }

    private void noteFailure(int at, String description) {
      if (at >= furthestFailure) {
        furthestFailure = at;
        expectedThere = description;
      }
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
