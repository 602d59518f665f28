package io.mooring.offer.matching;

import com.google.protobuf.ListValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.Offer;

/**
 * App constraints [field, operator, value?] against one offer. The only thing we know about the other instances is
 * their hosts ({@code peerHosts}: one entry per instance), so "hostname" supports UNIQUE, CLUSTER, LIKE, UNLIKE,
 * MAX_PER, IS and GROUP_BY, while attribute fields support only the operators that need no peers (LIKE, UNLIKE,
 * CLUSTER, IS). Anything else is unsatisfied: refusing to place is safer than breaking a constraint.
 */
final class PlacementConstraints {
  private PlacementConstraints() {}

  static boolean satisfied(List<ListValue> constraints, Offer offer, List<String> peerHosts) {
    for (ListValue c : constraints) if (!satisfied(c, offer, peerHosts)) return false;
    return true;
  }

  private static boolean satisfied(ListValue c, Offer offer, List<String> peerHosts) {
    if (c.getValuesCount() < 2) return false;
    String field = c.getValues(0).getStringValue();
    String operator = c.getValues(1).getStringValue();
    String value = c.getValuesCount() > 2 ? c.getValues(2).getStringValue() : null;
    if (field.equals("hostname") || field.equals("@hostname")) {
      return hostname(operator, value, offer.getHostname(), peerHosts);
    }
    return attribute(operator, value, attributeValue(offer, field));
  }

  private static boolean hostname(String operator, String value, String host, List<String> peers) {
    long here = peers.stream().filter(host::equals).count();
    return switch (operator) {
      case "UNIQUE" -> here == 0;
      // without a value the first instance picks the host and the others follow it
      case "CLUSTER" -> value != null && !value.isEmpty() ? host.equals(value) : peers.stream().allMatch(host::equals);
      case "IS" -> host.equals(value);
      case "LIKE" -> value != null && fullMatch(value, host);
      case "UNLIKE" -> value != null && !fullMatch(value, host);
      case "MAX_PER" -> parse(value).map(max -> here < max).orElse(false);
      case "GROUP_BY" -> groupBy(value, here, peers);
      default -> false;
    };
  }

  /** Marathon GROUP_BY: until {@code value} (default 1) groups exist only a new host; then a least loaded one. */
  private static boolean groupBy(String value, long here, List<String> peers) {
    Map<String, Long> groups = new HashMap<>();
    peers.forEach(p -> groups.merge(p, 1L, Long::sum));
    int minimum = parse(value).orElse(1);
    if (groups.size() < minimum) return here == 0;
    return here <= groups.values().stream().mapToLong(Long::longValue).min().orElse(0);
  }

  private static boolean attribute(String operator, String value, Optional<String> actual) {
    return switch (operator) {
      case "LIKE" -> value != null && actual.map(a -> fullMatch(value, a)).orElse(false);
      case "UNLIKE" -> value != null && actual.map(a -> !fullMatch(value, a)).orElse(true);
      case "CLUSTER" -> actual.map(a -> value == null || value.isEmpty() || a.equals(value)).orElse(false);
      case "IS" -> actual.map(a -> a.equals(value)).orElse(false);
      default -> false;
    };
  }

  /** An offer attribute as Marathon renders it for matching: text as is, scalars as doubles, ranges "[a-b,...]". */
  static Optional<String> attributeValue(Offer offer, String name) {
    for (Attribute a : offer.getAttributesList()) {
      if (!a.getName().equals(name)) continue;
      return Optional.of(switch (a.getType()) {
        case TEXT -> a.getText().getValue();
        case SCALAR -> String.valueOf(a.getScalar().getValue());
        case RANGES -> "[" + String.join(",", a.getRanges().getRangeList().stream()
            .map(r -> r.getBegin() + "-" + r.getEnd()).toList()) + "]";
        case SET -> "{" + String.join(",", a.getSet().getItemList()) + "}";
      });
    }
    return Optional.empty();
  }

  private static boolean fullMatch(String regex, String text) {
    try {
      return Pattern.matches(regex, text);
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  private static Optional<Integer> parse(String value) {
    try {
      return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
