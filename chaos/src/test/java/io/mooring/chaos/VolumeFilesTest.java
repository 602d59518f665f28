package io.mooring.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VolumeFilesTest {
  @TempDir
  Path agents;

  private Path volume(String agent, String pid) throws IOException {
    return Files.createDirectories(agents.resolve(agent).resolve("work/volumes/roles/mooring").resolve(pid));
  }

  private void launches(String agent, String pid, String text) throws IOException {
    Files.writeString(volume(agent, pid).resolve(VolumeFiles.LAUNCHES), text);
  }

  @Test
  void aVolumeDirectoryIsReadWithItsAgentPathAndLines() throws IOException {
    launches("agent-1", "a#data#1", "a.instance-1._app.1\na.instance-1._app.2\n");
    Map<String, List<VolumeFiles.Dir>> read = VolumeFiles.read(agents);
    assertEquals(List.of(new VolumeFiles.Dir("agent-1", volume("agent-1", "a#data#1"),
        List.of("a.instance-1._app.1", "a.instance-1._app.2"))), read.get("a#data#1"));
    assertEquals(1, read.size());
  }

  @Test
  void anUnterminatedLastLineIsLeftOut() throws IOException {
    launches("agent-1", "a#data#1", "a.instance-1._app.1\na.instance-1._ap");
    assertEquals(List.of("a.instance-1._app.1"), VolumeFiles.read(agents).get("a#data#1").get(0).lines());
  }

  @Test
  void anUnterminatedOnlyLineLeavesNoLines() throws IOException {
    launches("agent-1", "a#data#1", "a.instance-1._app.1");
    assertEquals(List.of(), VolumeFiles.read(agents).get("a#data#1").get(0).lines());
  }

  @Test
  void blankLinesAreSkipped() throws IOException {
    launches("agent-1", "a#data#1", "\na.instance-1._app.1\n\n");
    assertEquals(List.of("a.instance-1._app.1"), VolumeFiles.read(agents).get("a#data#1").get(0).lines());
  }

  @Test
  void aVolumeWithoutALaunchesFileHasNoLines() throws IOException {
    volume("agent-1", "a#data#1");
    assertEquals(List.of(), VolumeFiles.read(agents).get("a#data#1").get(0).lines());
  }

  @Test
  void twoAgentsHoldingOnePersistenceIdGiveTwoDirectories() throws IOException {
    launches("agent-1", "a#data#1", "a.instance-1._app.1\n");
    volume("agent-2", "a#data#1");
    launches("agent-2", "b#data#1", "b.instance-1._app.1\n");
    Map<String, List<VolumeFiles.Dir>> read = VolumeFiles.read(agents);
    assertEquals(List.of("agent-1", "agent-2"), read.get("a#data#1").stream().map(VolumeFiles.Dir::agent).toList());
    assertEquals(1, read.get("b#data#1").size());
  }

  @Test
  void filesAndAgentsWithoutVolumesAreIgnored() throws IOException {
    Files.createDirectories(agents.resolve("agent-1/work"));
    Files.writeString(agents.resolve("stray-file"), "x");
    Files.writeString(Files.createDirectories(agents.resolve("agent-2/work/volumes/roles/mooring")).resolve("f"), "x");
    assertEquals(Map.of(), VolumeFiles.read(agents));
  }

  @Test
  void aMissingAgentsDirectoryHoldsNoVolumes() {
    assertEquals(Map.of(), VolumeFiles.read(agents.resolve("absent")));
  }
}
