package io.mooring.sim.resources;

import static io.mooring.sim.resources.Res.disk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.DiskInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Disk identity (resources.cpp operator== on DiskInfo): what counts and what is ignored. */
class MesosEqualityTest {

  static Stream<Arguments> disks() {
    DiskInfo.Source csi = DiskInfo.Source.newBuilder().setType(DiskInfo.Source.Type.RAW).setVendor("v").setId("1")
        .setMetadata(Res.labels("a", "1", "b", "2")).setProfile("fast").build();
    return Stream.of(
        row("same persistence id", disk(1).volume("v", "x"), disk(1).volume("v", "x"), true),
        row("container_path ignored", disk(1).volume("v", "x"), disk(1).volume("v", "y"), true),
        row("persistence.principal ignored", disk(1).volume("v", "x").persistencePrincipal("a"),
            disk(1).volume("v", "x"), true),
        row("persistence id differs", disk(1).volume("v", "x"), disk(1).volume("w", "x"), false),
        row("volume vs no volume", disk(1).volume("v", "x"), disk(1).with(b -> b.getDiskBuilder()), false),
        row("empty DiskInfo equals empty DiskInfo", disk(1).with(b -> b.getDiskBuilder()),
            disk(1).with(b -> b.getDiskBuilder()), true),
        row("source vs none", disk(1).path("/p"), disk(1).with(b -> b.getDiskBuilder()), false),
        row("PATH root differs", disk(1).path("/p"), disk(1).path("/q"), false),
        row("MOUNT vs PATH with the same root", disk(1).mount("/p"), disk(1).path("/p"), false),
        row("CSI source equal, metadata in another order", disk(1).source(csi),
            disk(1).source(csi.toBuilder().setMetadata(Res.labels("b", "2", "a", "1")).build()), true),
        row("vendor differs", disk(1).source(csi), disk(1).source(csi.toBuilder().setVendor("w").build()), false),
        row("id differs", disk(1).source(csi), disk(1).source(csi.toBuilder().setId("2").build()), false),
        row("id unset", disk(1).source(csi), disk(1).source(csi.toBuilder().clearId().build()), false),
        row("metadata differs", disk(1).source(csi),
            disk(1).source(csi.toBuilder().setMetadata(Res.labels("a", "1")).build()), false),
        row("profile differs", disk(1).source(csi), disk(1).source(csi.toBuilder().setProfile("slow").build()),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("disks")
  void diskIdentity(String name, Resource a, Resource b, boolean equal) {
    assertEquals(equal, MesosEquality.disk(a.getDisk(), b.getDisk()));
    assertEquals(equal, MesosEquality.disk(b.getDisk(), a.getDisk()));
    assertEquals(equal, ResourceKey.of(a).equals(ResourceKey.of(b)));
  }

  static Stream<Arguments> labels() {
    return Stream.of(
        Arguments.of(Res.labels("a", "1", "b", "2"), Res.labels("b", "2", "a", "1"), true),
        Arguments.of(Res.labels("a", "1"), Res.labels("a", "2"), false),
        Arguments.of(Res.labels("a", "1"), Res.labels("a", "1", "b", "2"), false),
        Arguments.of(Res.labels(), Res.labels(), true));
  }

  @ParameterizedTest
  @MethodSource("labels")
  void labelsCompareInAnyOrder(org.apache.mesos.v1.Protos.Labels a, org.apache.mesos.v1.Protos.Labels b,
      boolean equal) {
    assertEquals(equal, MesosEquality.labels(a, b));
  }

  private static Arguments row(String name, Res a, Res b, boolean equal) {
    return Arguments.of(name, a.get(), b.get(), equal);
  }
}
