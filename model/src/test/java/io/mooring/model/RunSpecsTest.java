package io.mooring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Container;
import io.mooring.proto.v1.Lifecycle;
import io.mooring.proto.v1.PersistentVolumeInfo;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodContainer;
import io.mooring.proto.v1.PodScaling;
import io.mooring.proto.v1.PodVolume;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.VersionInfo;
import io.mooring.proto.v1.Volume;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunSpecsTest {
  private static RunSpec app(App.Builder app) {
    return RunSpec.newBuilder().setApp(app.setId("/db")).build();
  }

  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of(app(App.newBuilder()), RunSpecKind.APP, "/db"),
        Arguments.of(RunSpec.newBuilder().setPod(Pod.newBuilder().setId("/pg")).build(), RunSpecKind.POD, "/pg"),
        Arguments.of(RunSpec.newBuilder().setApp(App.getDefaultInstance()).build(), RunSpecKind.APP, ""),
        Arguments.of(RunSpec.getDefaultInstance(), RunSpecKind.RUN_SPEC_KIND_UNSPECIFIED, ""));
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("kinds")
  void kindAndId(RunSpec spec, RunSpecKind kind, String id) {
    assertEquals(kind, RunSpecs.kind(spec));
    assertEquals(id, RunSpecs.id(spec));
  }

  @Test
  void anAppsDefaults() {
    RunSpec bare = app(App.newBuilder().setVersion("v3"));

    assertEquals(1, RunSpecs.instances(bare));
    assertEquals("v3", RunSpecs.configVersion(bare));
    assertEquals(0.5, RunSpecs.minimumHealthCapacity(bare));
    assertEquals(0, RunSpecs.killGracePeriodSeconds(bare));
    assertEquals(List.of(), RunSpecs.persistentVolumePaths(bare));
  }

  @Test
  void aScaleOnlyVersionKeepsTheConfigVersion() {
    RunSpec scaled = app(App.newBuilder().setVersion("v3").setInstances(4)
        .setVersionInfo(VersionInfo.newBuilder().setLastConfigChangeAt("v1").setLastScalingAt("v3"))
        .setTaskKillGracePeriodSeconds(12)
        .setContainer(Container.newBuilder()
            .addVolumes(Volume.newBuilder().setContainerPath("data").setPersistent(PersistentVolumeInfo.newBuilder()))
            .addVolumes(Volume.newBuilder().setContainerPath("/etc/conf").setHostPath("/etc/db"))));

    assertEquals("v3", RunSpecs.version(scaled));
    assertEquals("v1", RunSpecs.configVersion(scaled));
    assertEquals("v1", RunSpecs.configVersion(scaled.getApp()));
    assertEquals(4, RunSpecs.instances(scaled));
    assertEquals(12, RunSpecs.killGracePeriodSeconds(scaled));
    assertEquals(List.of("data"), RunSpecs.persistentVolumePaths(scaled));
  }

  @Test
  void aPod() {
    RunSpec pod = RunSpec.newBuilder().setPod(Pod.newBuilder().setId("/pg").setVersion("p1")
        .setScaling(PodScaling.newBuilder().setInstances(3))
        .addVolumes(PodVolume.newBuilder().setName("pgdata").setPersistent(PersistentVolumeInfo.newBuilder()))
        .addVolumes(PodVolume.newBuilder().setName("scratch").setHost("/tmp"))
        .addContainers(PodContainer.newBuilder().setName("db")
            .setLifecycle(Lifecycle.newBuilder().setKillGracePeriodSeconds(2.5)))
        .addContainers(PodContainer.newBuilder().setName("sidecar"))).build();

    assertEquals(RunSpecKind.POD, RunSpecs.kind(pod));
    assertEquals("/pg", RunSpecs.id(pod));
    assertEquals(3, RunSpecs.instances(pod));
    assertEquals("p1", RunSpecs.version(pod));
    assertEquals("p1", RunSpecs.configVersion(pod));
    assertEquals(0.5, RunSpecs.minimumHealthCapacity(pod));
    assertEquals(3, RunSpecs.killGracePeriodSeconds(pod));
    assertEquals(List.of("pgdata"), RunSpecs.persistentVolumePaths(pod));
  }
}
