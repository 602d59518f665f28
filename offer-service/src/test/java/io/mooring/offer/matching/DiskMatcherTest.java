package io.mooring.offer.matching;

import static io.mooring.offer.matching.Fixtures.list;
import static io.mooring.offer.matching.Fixtures.mountDisk;
import static io.mooring.offer.matching.Fixtures.pathDisk;
import static io.mooring.offer.matching.Fixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ListValue;
import io.mooring.proto.v1.PersistentVolumeInfo;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Marathon's disk rules (ResourceMatcher.matchDiskResource), with the seeds' profile rule: no profile = any disk. */
class DiskMatcherTest {
  private static final Resource ROOT = scalar("disk", 20480);
  private static final Resource PATH = pathDisk("/mnt/path-0", 10240, null);
  private static final Resource SSD0 = mountDisk("/mnt/ssd-0", 4096, null);
  private static final Resource SSD1 = mountDisk("/mnt/ssd-1", 8192, "fast");

  static Stream<Arguments> cases() {
    return Stream.of(
        row("root volume on the root disk", List.of(PATH, ROOT), vol("root", 100), "root:100"),
        row("root volume larger than the root disk", List.of(ROOT), vol("root", 30000), "none"),
        row("root volume never uses a path disk", List.of(PATH), vol("root", 100), "none"),
        row("absent type means root", List.of(PATH, ROOT), info(100).build(), "root:100"),
        row("path volume takes only its size", List.of(ROOT, PATH), vol("path", 100), "/mnt/path-0:100"),
        row("path: largest source first", List.of(pathDisk("/a", 100, null), pathDisk("/b", 500, null)),
            vol("path", 50), "/b:50"),
        row("path: never split across sources", List.of(pathDisk("/a", 300, null), pathDisk("/b", 300, null)),
            vol("path", 500), "none"),
        row("mount taken whole", List.of(mountDisk("/m", 1024, null)), vol("mount", 500), "/m:1024"),
        row("mount maxSize 750 < disk 1024", List.of(mountDisk("/m", 1024, null)),
            info(500).setType("mount").setMaxSize(750).build(), "none"),
        row("mount maxSize 1024 = disk 1024", List.of(mountDisk("/m", 1024, null)),
            info(500).setType("mount").setMaxSize(1024).build(), "/m:1024"),
        row("mount smaller than the volume", List.of(mountDisk("/m", 400, null)), vol("mount", 500), "none"),
        row("mount: first fitting in offer order", List.of(SSD0, SSD1), vol("mount", 100), "/mnt/ssd-0:4096"),
        row("mount: skips one too small", List.of(SSD0, SSD1), vol("mount", 5000), "/mnt/ssd-1:8192"),
        row("profile named: only that profile", List.of(SSD0, SSD1), info(100).setProfileName("fast").build(),
            "/mnt/ssd-1:8192"),
        row("no profile: a profiled disk will do (seeds)", List.of(SSD1), vol("mount", 100), "/mnt/ssd-1:8192"),
        row("profile nobody has", List.of(SSD0, SSD1), info(100).setProfileName("slow").build(), "none"),
        row("profile on root: root has none", List.of(ROOT), info(100).setType("root").setProfileName("fast").build(),
            "none"),
        row("LIKE full match", List.of(SSD0, SSD1), constrained("mount", list("path", "LIKE", "/mnt/ssd-1")),
            "/mnt/ssd-1:8192"),
        row("LIKE regex", List.of(SSD0, SSD1), constrained("mount", list("path", "LIKE", "/mnt/ssd-[0-9]")),
            "/mnt/ssd-0:4096"),
        row("LIKE is not a substring match", List.of(SSD0, SSD1),
            constrained("mount", list("path", "LIKE", "/mnt/ssd")), "none"),
        row("UNLIKE", List.of(SSD0, SSD1), constrained("mount", list("path", "UNLIKE", "/mnt/ssd-0")),
            "/mnt/ssd-1:8192"),
        row("LIKE on a path disk", List.of(PATH), constrained("path", list("path", "LIKE", "/mnt/path-.*")),
            "/mnt/path-0:100"),
        row("other field", List.of(SSD0), constrained("mount", list("size", "LIKE", ".*")), "none"),
        row("other operator", List.of(SSD0), constrained("mount", list("path", "IS", "/mnt/ssd-0")), "none"),
        row("invalid regex", List.of(SSD0), constrained("mount", list("path", "LIKE", "[")), "none"),
        row("BLOCK and RAW disks are ignored", List.of(block(Resource.DiskInfo.Source.Type.BLOCK),
            block(Resource.DiskInfo.Source.Type.RAW)), vol("mount", 10), "none"),
        row("unknown type", List.of(ROOT, SSD0), vol("nfs", 10), "none"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void placesOneVolume(String name, List<Resource> disks, PersistentVolumeInfo volume, String expected) {
    assertEquals(expected, describe(disks, List.of(VolumeRequest.of(Fixtures.persistent("data", volume)))));
  }

  static Stream<Arguments> severalVolumes() {
    return Stream.of(
        row2("two mount volumes need two mount disks", List.of(SSD0), "none"),
        row2("two mount volumes on two disks, biggest first", List.of(SSD0, SSD1), "/mnt/ssd-1:8192,/mnt/ssd-0:4096"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("severalVolumes")
  void placesSeveralVolumes(String name, List<Resource> disks, String expected) {
    List<VolumeRequest> volumes = List.of(VolumeRequest.of(Fixtures.persistent("a", vol("mount", 5000))),
        VolumeRequest.of(Fixtures.persistent("b", vol("mount", 1000))));
    assertEquals(expected, describe(disks, volumes));
  }

  @ParameterizedTest(name = "two path volumes of {0} MB on one 10240 MB path disk: {1}")
  @CsvSource({"5000, true", "5120, true", "5121, false"})
  void pathVolumesShareADivisibleDisk(int size, boolean fits) {
    List<VolumeRequest> volumes = List.of(VolumeRequest.of(Fixtures.persistent("a", vol("path", size))),
        VolumeRequest.of(Fixtures.persistent("b", vol("path", size))));
    assertEquals(fits ? "/mnt/path-0:" + size + ",/mnt/path-0:" + size : "none", describe(List.of(PATH), volumes));
  }

  private static String describe(List<Resource> disks, List<VolumeRequest> volumes) {
    return DiskMatcher.match(disks, volumes).map(ps -> ps.stream()
        .map(p -> (DiskKind.of(p.disk()) == DiskKind.ROOT ? "root" : DiskKind.rootPath(p.disk())) + ":"
            + Math.round(p.disk().getScalar().getValue()))
        .collect(Collectors.joining(","))).orElse("none");
  }

  private static Arguments row(String name, List<Resource> disks, PersistentVolumeInfo volume, String expected) {
    return Arguments.of(name, disks, volume, expected);
  }

  private static Arguments row2(String name, List<Resource> disks, String expected) {
    return Arguments.of(name, disks, expected);
  }

  private static PersistentVolumeInfo.Builder info(int size) {
    return PersistentVolumeInfo.newBuilder().setSize(size);
  }

  private static PersistentVolumeInfo vol(String type, int size) {
    return info(size).setType(type).build();
  }

  private static PersistentVolumeInfo constrained(String type, ListValue constraint) {
    return info(100).setType(type).addConstraints(constraint).build();
  }

  private static Resource block(Resource.DiskInfo.Source.Type type) {
    return scalar("disk", 1000).toBuilder().setDisk(Resource.DiskInfo.newBuilder()
        .setSource(Resource.DiskInfo.Source.newBuilder().setType(type))).build();
  }
}
