package io.mooring.offer.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.OfferRanges;
import io.mooring.proto.v1.OfferSet;
import io.mooring.proto.v1.OfferValue;
import io.mooring.proto.v1.OfferView;
import io.mooring.proto.v1.PortRange;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Marathon's view of an offer: each Mesos resource and attribute, and what it shows of it. */
class OfferViewsTest {
  static Stream<Arguments> resources() {
    Resource cpus = Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(4)).build();
    return Stream.of(
        Arguments.of("unreserved scalar", cpus, OfferValue.newBuilder().setName("cpus").setRole("*").setScalar(4)),
        Arguments.of("reserved: the last reservation's role, no labels", cpus.toBuilder()
            .addReservations(Resource.ReservationInfo.newBuilder().setRole("base"))
            .addReservations(Resource.ReservationInfo.newBuilder().setRole("base/mooring").setLabels(Labels
                .newBuilder().addLabels(Label.newBuilder().setKey("marathon_task_id").setValue("db.instance-1"))))
            .build(), OfferValue.newBuilder().setName("cpus").setRole("base/mooring").setScalar(4)),
        Arguments.of("a persistent volume: no disk info", Resource.newBuilder().setName("disk")
            .setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(10))
            .addReservations(Resource.ReservationInfo.newBuilder().setRole("mooring"))
            .setDisk(Resource.DiskInfo.newBuilder().setPersistence(Resource.DiskInfo.Persistence.newBuilder()
                .setId("db#data#1"))).build(),
            OfferValue.newBuilder().setName("disk").setRole("mooring").setScalar(10)),
        Arguments.of("ranges", Resource.newBuilder().setName("ports").setType(Value.Type.RANGES)
            .setRanges(Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(31000).setEnd(31005))
                .addRange(Value.Range.newBuilder().setBegin(32000).setEnd(32000))).build(),
            OfferValue.newBuilder().setName("ports").setRole("*").setRanges(OfferRanges.newBuilder()
                .addRanges(PortRange.newBuilder().setBegin(31000).setEnd(31005))
                .addRanges(PortRange.newBuilder().setBegin(32000).setEnd(32000)))),
        Arguments.of("no ranges", Resource.newBuilder().setName("ports").setType(Value.Type.RANGES).build(),
            OfferValue.newBuilder().setName("ports").setRole("*").setRanges(OfferRanges.getDefaultInstance())),
        Arguments.of("set", Resource.newBuilder().setName("gpus-ids").setType(Value.Type.SET)
            .setSet(Value.Set.newBuilder().addItem("a").addItem("b")).build(),
            OfferValue.newBuilder().setName("gpus-ids").setRole("*").setSet(OfferSet.newBuilder().addItems("a")
                .addItems("b"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resources")
  void resources(String name, Resource resource, OfferValue.Builder expected) {
    assertEquals(expected.build(), OfferViews.of(offer().addResources(resource).build()).getResources(0));
  }

  static Stream<Arguments> attributes() {
    return Stream.of(
        Arguments.of("text", Attribute.newBuilder().setName("rack").setType(Value.Type.TEXT)
            .setText(Value.Text.newBuilder().setValue("r1")).build(),
            OfferValue.newBuilder().setName("rack").setText("r1")),
        Arguments.of("scalar", Attribute.newBuilder().setName("level").setType(Value.Type.SCALAR)
            .setScalar(Value.Scalar.newBuilder().setValue(2.5)).build(),
            OfferValue.newBuilder().setName("level").setScalar(2.5)),
        Arguments.of("set", Attribute.newBuilder().setName("zones").setType(Value.Type.SET)
            .setSet(Value.Set.newBuilder().addItem("z1")).build(),
            OfferValue.newBuilder().setName("zones").setSet(OfferSet.newBuilder().addItems("z1"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attributes")
  void attributes(String name, Attribute attribute, OfferValue.Builder expected) {
    assertEquals(expected.build(), OfferViews.of(offer().addAttributes(attribute).build()).getAttributes(0));
  }

  @Test
  void theOfferItself() {
    assertEquals(OfferView.newBuilder().setId("o-1").setAgentId("a-1").setHostname("h-1").build(),
        OfferViews.of(offer().build()));
  }

  private static Offer.Builder offer() {
    return Offer.newBuilder().setId(OfferID.newBuilder().setValue("o-1"))
        .setFrameworkId(FrameworkID.newBuilder().setValue("fw-1"))
        .setAgentId(AgentID.newBuilder().setValue("a-1")).setHostname("h-1");
  }
}
