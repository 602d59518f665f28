package io.mooring.offer.matching;

import static io.mooring.offer.matching.Fixtures.ports;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Host ports: exact ones where asked, the lowest free ones otherwise, as pieces of the offered ranges. */
class PortMatcherTest {
  private static final PortRequest ANY = PortRequest.any();

  static Stream<Arguments> cases() {
    return Stream.of(
        row("nothing asked", List.of(ports(31000, 32000)), List.of(), " | "),
        row("one any port: the lowest", List.of(ports(31000, 32000)), List.of(ANY), "31000 | 31000-31000"),
        row("three any ports", List.of(ports(31000, 32000)), List.of(ANY, ANY, ANY), "31000,31001,31002 | 31000-31002"),
        row("exact port", List.of(ports(31000, 32000)), List.of(PortRequest.exactly(31005), ANY),
            "31005,31000 | 31000-31000,31005-31005"),
        row("exact port taken before any", List.of(ports(31000, 32000)), List.of(ANY, PortRequest.exactly(31000)),
            "31001,31000 | 31000-31001"),
        row("exact port not offered", List.of(ports(31000, 32000)), List.of(PortRequest.exactly(80)), "none"),
        row("same exact port twice", List.of(ports(31000, 32000)),
            List.of(PortRequest.exactly(31000), PortRequest.exactly(31000)), "none"),
        row("too few ports", List.of(ports(31000, 31001)), List.of(ANY, ANY, ANY), "none"),
        row("no ports offered", List.of(), List.of(ANY), "none"),
        row("lowest across ranges", List.of(ports(32000, 32001, 31000, 31000)), List.of(ANY, ANY),
            "31000,32000 | 31000-31000,32000-32000"),
        row("lowest across resources", List.of(ports(32000, 32001), ports(31000, 31000)), List.of(ANY, ANY),
            "31000,32000 | 32000-32000;31000-31000"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void choosesPorts(String name, List<Resource> offered, List<PortRequest> requests, String expected) {
    String actual = PortMatcher.match(offered, requests).map(m -> m.hostPorts().stream().map(String::valueOf)
        .collect(Collectors.joining(",")) + " | " + m.resources().stream().map(PortMatcherTest::ranges)
        .collect(Collectors.joining(";"))).orElse("none");
    assertEquals(expected, actual);
  }

  private static String ranges(Resource r) {
    assertEquals(Fixtures.ROLE, r.getAllocationInfo().getRole(), "a piece keeps the offer's allocation");
    return r.getRanges().getRangeList().stream().map(x -> x.getBegin() + "-" + x.getEnd())
        .collect(Collectors.joining(","));
  }

  private static Arguments row(String name, List<Resource> offered, List<PortRequest> requests, String expected) {
    return Arguments.of(name, offered, requests, expected);
  }
}
