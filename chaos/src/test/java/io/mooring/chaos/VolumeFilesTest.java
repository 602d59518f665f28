package io.mooring.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

  static Stream<Arguments> contents() {
    return Stream.of(
        Arguments.of("an unterminated last line is left out", "a.instance-1._app.1\na.instance-1._ap",
            List.of("a.instance-1._app.1")),
        Arguments.of("an unterminated only line leaves no lines", "a.instance-1._app.1", List.of()),
        Arguments.of("blank lines are skipped", "\na.instance-1._app.1\n\n", List.of("a.instance-1._app.1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contents")
  void onlyWholeLinesAreRead(String situation, String content, List<String> lines) throws IOException {
    launches("agent-1", "a#data#1", content);
    assertEquals(lines, VolumeFiles.read(agents).get("a#data#1").get(0).lines());
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
