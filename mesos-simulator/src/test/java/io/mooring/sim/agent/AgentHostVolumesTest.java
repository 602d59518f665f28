package io.mooring.sim.agent;

import static io.mooring.sim.agent.AgentFixtures.mountDisk;
import static io.mooring.sim.agent.AgentFixtures.pathDisk;
import static io.mooring.sim.agent.AgentFixtures.volume;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentHostVolumesTest {
  @TempDir Path tmp;
  private Path workDir;
  private Path diskHome;
  private AgentHost host;

  @BeforeEach
  void setUp() {
    workDir = tmp.resolve("work");
    diskHome = tmp.resolve("disks");
    host = new AgentHost(workDir, diskHome, new VirtualRunner());
  }

  @Test
  void reportedRootsAreBackedByDirectoriesUnderTheDiskHome() {
    Path ssd = host.hostPath("/mnt/ssd-0");
    assertEquals(diskHome.resolve("mnt/ssd-0"), ssd);
    assertTrue(Files.isDirectory(ssd));
    assertEquals(workDir.resolve("disks/a"), host.hostPath("disks/a"), "a relative root is relative to the work dir");
    assertThrows(IllegalArgumentException.class, () -> host.hostPath("/mnt/../../etc"));
  }

  @Test
  void rootDiskVolumeLivesUnderTheWorkDirWithTheRoleEncoded() {
    assertEquals(workDir.resolve("volumes/roles/eng backend/db-0"),
        host.volumePath(volume("eng/backend", "db-0", "data", null)));
    assertEquals(workDir.resolve("volumes/roles/eng/db-1"), host.volumePath(volume("eng", "db-1", "data", null)));
  }

  @Test
  void roleIsTheTopOfTheReservationStack() {
    Resource refined = volume("eng", "db-0", "data", null).toBuilder()
        .addReservations(ReservationInfo.newBuilder().setType(ReservationInfo.Type.DYNAMIC).setRole("eng/a/b"))
        .build();
    assertEquals(workDir.resolve("volumes/roles/eng a b/db-0"), host.volumePath(refined));
  }

  @Test
  @SuppressWarnings("deprecation")
  void legacyRoleIsUsedWhenThereIsNoReservationStack() {
    Resource legacy = volume("ignored", "db-0", "data", null).toBuilder().clearReservations().setRole("web/x").build();
    assertEquals(workDir.resolve("volumes/roles/web x/db-0"), host.volumePath(legacy));
    Resource unreserved = legacy.toBuilder().setRole("*").build();
    assertThrows(IllegalArgumentException.class, () -> host.volumePath(unreserved));
  }

  @Test
  void pathDiskVolumeLivesUnderTheDiskRoot() {
    Resource v = volume("eng/backend", "db-0", "data", pathDisk("/mnt/ssd-0"));
    assertEquals(diskHome.resolve("mnt/ssd-0/volumes/roles/eng backend/db-0"), host.volumePath(v));
  }

  @Test
  void mountDiskVolumeIsTheRootItself() {
    Resource v = volume("eng", "db-0", "data", mountDisk("/mnt/disk0"));
    assertEquals(diskHome.resolve("mnt/disk0"), host.volumePath(v));
  }

  @Test
  void unsafePersistenceIdsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> host.volumePath(volume("eng", "../x", "data", null)));
    assertThrows(IllegalArgumentException.class, () -> host.volumePath(volume("eng", "..", "data", null)));
  }

  @Test
  void createKeepsExistingDataAndDestroyDeletesIt() throws Exception {
    List<Resource> rootAndPath =
        List.of(volume("eng", "root-vol", "data", null), volume("eng", "path-vol", "data", pathDisk("/mnt/p")));
    for (Resource v : rootAndPath) {
      host.createVolume(v);
      Path dir = host.volumePath(v);
      Files.createDirectories(dir.resolve("sub"));
      Files.writeString(dir.resolve("sub/file"), "kept");
      host.createVolume(v);
      assertEquals("kept", Files.readString(dir.resolve("sub/file")), "CREATE keeps pre-existing data");

      host.destroyVolume(v);
      assertFalse(Files.exists(dir), "DESTROY removes the volume directory of a root or PATH disk");
      host.destroyVolume(v); // idempotent
    }
  }

  @Test
  void destroyOnAMountDiskEmptiesItButKeepsTheMountPoint() throws Exception {
    Resource v = volume("eng", "db-0", "data", mountDisk("/mnt/disk0"));
    host.createVolume(v);
    Path root = host.volumePath(v);
    Files.createDirectories(root.resolve("a/b"));
    Files.writeString(root.resolve("a/b/c"), "x");
    Files.writeString(root.resolve("top"), "y");

    host.destroyVolume(v);

    assertTrue(Files.isDirectory(root));
    try (var entries = Files.list(root)) {
      assertEquals(0, entries.count());
    }
  }

  @Test
  void destroyDoesNotFollowSymlinksOutOfTheVolume() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("precious"), "z");
    Resource v = volume("eng", "db-0", "data", null);
    host.createVolume(v);
    Files.createSymbolicLink(host.volumePath(v).resolve("link"), outside);

    host.destroyVolume(v);

    assertTrue(Files.exists(outside.resolve("precious")));
  }
}
