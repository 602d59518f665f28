package io.mooring.offer.matching;

import static io.mooring.offer.matching.Fixtures.list;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ListValue;
import java.util.List;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** App constraints on an offer from host-0 with attributes rack=r1 (text) and size=2 (scalar). */
class PlacementConstraintsTest {
  private static final Offer OFFER = Fixtures.offer(List.of()).toBuilder()
      .addAttributes(Attribute.newBuilder().setName("rack").setType(Value.Type.TEXT)
          .setText(Value.Text.newBuilder().setValue("r1")))
      .addAttributes(Attribute.newBuilder().setName("size").setType(Value.Type.SCALAR)
          .setScalar(Value.Scalar.newBuilder().setValue(2))).build();

  static Stream<Arguments> cases() {
    return Stream.of(
        row(list("hostname", "UNIQUE"), List.of(), true),
        row(list("hostname", "UNIQUE"), List.of("host-1"), true),
        row(list("hostname", "UNIQUE"), List.of("host-1", "host-0"), false),
        row(list("@hostname", "UNIQUE"), List.of("host-0"), false),
        row(list("hostname", "CLUSTER", "host-0"), List.of(), true),
        row(list("hostname", "CLUSTER", "host-1"), List.of(), false),
        row(list("hostname", "CLUSTER"), List.of(), true),
        row(list("hostname", "CLUSTER"), List.of("host-0"), true),
        row(list("hostname", "CLUSTER"), List.of("host-1"), false),
        row(list("hostname", "LIKE", "host-[0-9]"), List.of(), true),
        row(list("hostname", "LIKE", "host"), List.of(), false),
        row(list("hostname", "UNLIKE", "host-0"), List.of(), false),
        row(list("hostname", "UNLIKE", "host-1"), List.of(), true),
        row(list("hostname", "MAX_PER", "2"), List.of("host-0"), true),
        row(list("hostname", "MAX_PER", "2"), List.of("host-0", "host-0"), false),
        row(list("hostname", "MAX_PER", "x"), List.of(), false),
        row(list("hostname", "IS", "host-0"), List.of(), true),
        row(list("hostname", "GROUP_BY"), List.of("host-1"), true),
        row(list("hostname", "GROUP_BY"), List.of("host-0", "host-0", "host-1"), false),
        row(list("hostname", "GROUP_BY", "3"), List.of("host-0", "host-1"), false),
        row(list("hostname", "NONSENSE"), List.of(), false),
        row(list("hostname"), List.of(), false),
        row(list("rack", "LIKE", "r[0-9]"), List.of(), true),
        row(list("rack", "LIKE", "r2"), List.of(), false),
        row(list("rack", "UNLIKE", "r1"), List.of(), false),
        row(list("zone", "UNLIKE", "z1"), List.of(), true),
        row(list("zone", "LIKE", ".*"), List.of(), false),
        row(list("rack", "CLUSTER", "r1"), List.of(), true),
        row(list("rack", "CLUSTER", "r2"), List.of(), false),
        row(list("zone", "CLUSTER", "z1"), List.of(), false),
        row(list("size", "LIKE", "2.0"), List.of(), true),
        row(list("rack", "IS", "r1"), List.of(), true),
        row(list("rack", "UNIQUE"), List.of(), false));
  }

  @ParameterizedTest(name = "{0} with peers {2}: {3}")
  @MethodSource("cases")
  void evaluates(String name, ListValue constraint, List<String> peers, boolean expected) {
    assertEquals(expected, PlacementConstraints.satisfied(List.of(constraint), OFFER, peers));
  }

  private static Arguments row(ListValue constraint, List<String> peers, boolean expected) {
    String name = constraint.getValuesList().stream().map(com.google.protobuf.Value::getStringValue).toList()
        .toString();
    return Arguments.of(name, constraint, peers, expected);
  }
}
