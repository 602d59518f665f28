package io.mooring.gateway.api;

import static io.mooring.gateway.JsonTrees.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.proto.v1.OfferRanges;
import io.mooring.proto.v1.OfferSet;
import io.mooring.proto.v1.OfferValue;
import io.mooring.proto.v1.OfferView;
import io.mooring.proto.v1.PortRange;
import io.mooring.proto.v1.RunSpecQueueStats;
import io.mooring.proto.v1.UnusedOffer;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Marathon's UnusedOffer JSON (queue.raml, offer.raml), from what offer-service sends. */
class UnusedOfferViewsTest {
  private static final OfferView OFFER = OfferView.newBuilder().setId("o-1").setAgentId("a-1").setHostname("h-1")
      .build();

  static Stream<Arguments> values() {
    OfferValue.Builder cpus = OfferValue.newBuilder().setName("cpus").setRole("*");
    return Stream.of(
        Arguments.of("scalar", cpus.clone().setScalar(4), "{\"name\":\"cpus\",\"role\":\"*\",\"scalar\":4.0}"),
        Arguments.of("ranges", cpus.clone().setName("ports").setRanges(OfferRanges.newBuilder()
            .addRanges(PortRange.newBuilder().setBegin(31000).setEnd(31005))),
            "{\"name\":\"ports\",\"role\":\"*\",\"ranges\":[{\"begin\":31000,\"end\":31005}]}"),
        Arguments.of("no ranges", cpus.clone().setName("ports").setRanges(OfferRanges.getDefaultInstance()),
            "{\"name\":\"ports\",\"role\":\"*\",\"ranges\":[]}"),
        Arguments.of("set", cpus.clone().setSet(OfferSet.newBuilder().addItems("a").addItems("b")),
            "{\"name\":\"cpus\",\"role\":\"*\",\"set\":[\"a\",\"b\"]}"),
        Arguments.of("no value", cpus.clone(), "{\"name\":\"cpus\",\"role\":\"*\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void aResourceShowsOnlyTheFieldOfItsType(String name, OfferValue.Builder resource, String json) {
    OfferView offer = OFFER.toBuilder().addResources(resource).build();
    assertEquals(parse(json), json(stats("o-1"), Map.of("o-1", offer)).at("/0/offer/resources/0"));
  }

  @Test
  void anUnusedOfferAsMarathonShowsIt() {
    OfferView offer = OFFER.toBuilder()
        .addResources(OfferValue.newBuilder().setName("mem").setRole("mooring").setScalar(1024))
        .addAttributes(OfferValue.newBuilder().setName("rack").setText("r1"))
        .addAttributes(OfferValue.newBuilder().setName("level").setScalar(2)).build();
    RunSpecQueueStats stats = RunSpecQueueStats.newBuilder().addLastUnusedOffers(UnusedOffer.newBuilder()
        .setOfferId("o-1").setTimestamp("2026-01-02T03:04:05.000Z").addReasons("InsufficientMemory")).build();

    assertEquals(parse("""
        [{"offer":{"id":"o-1","hostname":"h-1","agentId":"a-1",
                   "resources":[{"name":"mem","role":"mooring","scalar":1024.0}],
                   "attributes":[{"name":"rack","text":"r1"},{"name":"level","scalar":2.0}]},
          "timestamp":"2026-01-02T03:04:05.000Z","reason":["InsufficientMemory"]}]"""),
        json(stats, Map.of("o-1", offer)));
  }

  @Test
  void anOfferOfferServiceDidNotSendIsLeftOut() {
    assertEquals(parse("[{\"offer\":{\"id\":\"o-1\",\"hostname\":\"h-1\",\"agentId\":\"a-1\",\"resources\":[],"
        + "\"attributes\":[]},\"timestamp\":\"\",\"reason\":[]}]"),
        json(stats("o-2", "o-1"), Map.of("o-1", OFFER)));
  }

  /** Parsed again, so that numbers compare as JSON numbers, not as the int or long nodes they were built from. */
  private static JsonNode json(RunSpecQueueStats stats, Map<String, OfferView> offers) {
    return parse(UnusedOfferViews.of(stats, offers).toString());
  }

  private static RunSpecQueueStats stats(String... offerIds) {
    RunSpecQueueStats.Builder stats = RunSpecQueueStats.newBuilder();
    for (String id : offerIds) {
      stats.addLastUnusedOffers(UnusedOffer.newBuilder().setOfferId(id));
    }
    return stats.build();
  }
}
