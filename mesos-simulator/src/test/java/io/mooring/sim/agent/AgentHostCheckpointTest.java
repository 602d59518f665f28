package io.mooring.sim.agent;

import static io.mooring.sim.agent.AgentFixtures.mountDisk;
import static io.mooring.sim.agent.AgentFixtures.volume;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint of reservations and volumes: changes appended at their own cost, replayed in order on recovery. */
class AgentHostCheckpointTest {
  private static final Supplier<List<Resource>> NOT_ASKED = () -> fail("the whole state was asked for");

  @TempDir Path tmp;
  private Path workDir;
  private Path diskHome;
  private Path file;
  private AgentHost host;

  @BeforeEach
  void setUp() {
    workDir = tmp.resolve("work");
    diskHome = tmp.resolve("disks");
    file = workDir.resolve("meta/resources/resources_and_operations.state");
    host = new AgentHost(workDir, diskHome, new VirtualRunner());
  }

  @Test
  void checkpointRoundTripsAcrossAgentHostsOnTheSameWorkDir() throws Exception {
    assertEquals(List.of(), host.loadCheckpoint(), "nothing checkpointed yet");
    Resource cpus = Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(1.5))
        .addReservations(ReservationInfo.newBuilder().setType(ReservationInfo.Type.STATIC).setRole("eng"))
        .build();
    Resource volume = volume("eng/backend", "db-0", "data", mountDisk("/mnt/disk0"));
    List<Resource> state = List.of(cpus, volume);

    host.checkpoint(List.of(new ResourceChange(List.of(), state)), () -> state);

    assertTrue(Files.readString(file).startsWith("["), "a JSON array of resources");
    assertEquals(state, host.loadCheckpoint());
    assertEquals(state, reloaded());

    host.checkpoint(List.of(new ResourceChange(List.of(volume), List.of())), NOT_ASKED);
    assertEquals(List.of(cpus), reloaded());
    try (var entries = Files.list(file.getParent())) {
      assertEquals(1, entries.count(), "no temporary files left behind");
    }
  }

  @Test
  void aChangeIsAppendedWithoutRewritingTheStateUntilChangesOutgrowIt() throws Exception {
    List<Resource> state = volumes(0, 500);
    host.checkpoint(List.of(new ResourceChange(List.of(), state)), () -> state);
    String written = Files.readString(file);

    List<Resource> grown = new ArrayList<>(state);
    for (int i = 500; i < 500 + state.size() + ResourceCheckpoint.REWRITE_SLACK; i++) {
      Resource added = volume("eng", "v" + i, "data", null);
      host.checkpoint(List.of(new ResourceChange(List.of(), List.of(added))), NOT_ASKED);
      grown.add(added);
    }
    assertTrue(Files.readString(file).startsWith(written), "the state is not rewritten, changes are appended");
    assertEquals(grown, reloaded());

    host.checkpoint(List.of(new ResourceChange(List.of(grown.get(0)), List.of())), () -> grown.subList(1, grown.size()));
    assertEquals(1, Files.readAllLines(file).size(), "rewritten as one array once the changes outgrew the state");
    assertEquals(grown.subList(1, grown.size()), reloaded());
  }

  @Test
  void changesReplayInOrder() {
    Resource volume = volume("eng", "db", "data", null);
    Resource disk = volume.toBuilder().clearDisk().build();
    host.checkpoint(List.of(new ResourceChange(List.of(), List.of())), List::of);
    host.checkpoint(List.of(new ResourceChange(List.of(), List.of(disk)), new ResourceChange(List.of(disk),
        List.of(volume)), new ResourceChange(List.of(volume), List.of(disk))), NOT_ASKED);
    assertEquals(List.of(disk), reloaded(), "RESERVE, CREATE, DESTROY");
  }

  @Test
  void aTornLastChangeIsIgnoredAndAnEarlierOneIsCorruption() throws Exception {
    List<Resource> state = volumes(0, 2);
    host.checkpoint(List.of(new ResourceChange(List.of(), state)), () -> state);
    String written = Files.readString(file);
    Files.writeString(file, "{\"removed\":[],\"added\":[{\"na", StandardOpenOption.APPEND);
    assertEquals(state, reloaded(), "an agent that died while appending");

    Files.writeString(file, written + "{\"removed\":[],\"added\":[{\"na\n{\"removed\":[],\"added\":[]}\n");
    assertThrows(IllegalStateException.class, this::reloaded);
    assertTrue(Files.readString(file).contains("[{\"na\n"), "a corrupt checkpoint is left as it is");
  }

  @Test
  void changesAppendedAfterATornLastChangeSurviveTheNextRecovery() throws Exception {
    List<Resource> state = volumes(0, 2);
    host.checkpoint(List.of(new ResourceChange(List.of(), state)), () -> state);
    Files.writeString(file, "{\"removed\":[],\"added\":[{\"na", StandardOpenOption.APPEND);

    assertEquals(state, recoverAndAppend(volumes(2, 4)), "both changes made after the recovery");
    assertTrue(Files.readString(file).endsWith("\n"));
  }

  @Test
  void aLastChangeCutInsideAMultiByteCharacterIsTorn() throws Exception {
    List<Resource> state = volumes(0, 2);
    host.checkpoint(List.of(new ResourceChange(List.of(), state)), () -> state);
    byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
    Files.write(file, "{\"removed\":[],\"added\":[{\"name\":\"".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);
    Files.write(file, Arrays.copyOf(euro, 2), StandardOpenOption.APPEND);

    assertEquals(state, recoverAndAppend(volumes(2, 4)));
  }

  @Test
  void aLastChangeCutJustBeforeItsNewlineIsReplayedAndTheNextAppendGetsALineOfItsOwn() throws Exception {
    List<Resource> state = volumes(0, 2);
    host.checkpoint(List.of(new ResourceChange(List.of(), state)), () -> state);
    host.checkpoint(List.of(new ResourceChange(List.of(), volumes(2, 3))), NOT_ASKED);
    String full = Files.readString(file);
    Files.writeString(file, full.substring(0, full.length() - 1)); // the newline never made it

    assertEquals(volumes(0, 3), recoverAndAppend(volumes(3, 5)));
  }

  /**
   * Recovers a new agent host from the checkpoint, which then checkpoints adding each of {@code added} as a change of
   * its own; answers what the recovery saw, after asserting that a further recovery sees those changes too.
   */
  private List<Resource> recoverAndAppend(List<Resource> added) {
    AgentHost recovered = new AgentHost(workDir, diskHome, new VirtualRunner());
    List<Resource> seen = recovered.loadCheckpoint();
    for (Resource resource : added) {
      recovered.checkpoint(List.of(new ResourceChange(List.of(), List.of(resource))), NOT_ASKED);
    }
    List<Resource> expected = new ArrayList<>(seen);
    expected.addAll(added);
    assertEquals(expected, reloaded(), "the changes appended after the recovery");
    return seen;
  }

  private List<Resource> reloaded() {
    return new AgentHost(workDir, diskHome, new VirtualRunner()).loadCheckpoint();
  }

  private static List<Resource> volumes(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> volume("eng", "v" + i, "data", null)).toList();
  }
}
