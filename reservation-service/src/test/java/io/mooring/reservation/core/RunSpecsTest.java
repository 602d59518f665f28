package io.mooring.reservation.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Lifecycle;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodContainer;
import io.mooring.proto.v1.PodScaling;
import io.mooring.proto.v1.PodVolume;
import io.mooring.proto.v1.PersistentVolumeInfo;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.VersionInfo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunSpecsTest {
  private static RunSpec app(App.Builder app) {
    return RunSpec.newBuilder().setApp(app.setId("/db")).build();
  }

  @Test
  void anAppsDefaults() {
    RunSpec bare = app(App.newBuilder().setVersion("v3"));

    assertEquals(1, RunSpecs.instances(bare));
    assertEquals("v3", RunSpecs.configVersion(bare));
    assertEquals(0.5, RunSpecs.minimumHealthCapacity(bare));
    assertEquals(0, RunSpecs.killGracePeriodSeconds(bare));
    assertEquals(Backoff.DEFAULT, Backoff.of(bare));
    assertEquals(RunSpecKind.APP, RunSpecs.kind(bare));
  }

  @Test
  void aScaleOnlyVersionKeepsTheConfigVersion() {
    RunSpec scaled = app(App.newBuilder().setVersion("v3").setInstances(4)
        .setVersionInfo(VersionInfo.newBuilder().setLastConfigChangeAt("v1").setLastScalingAt("v3"))
        .setTaskKillGracePeriodSeconds(12).setBackoffSeconds(2).setBackoffFactor(3).setMaxLaunchDelaySeconds(60));

    assertEquals("v3", RunSpecs.version(scaled));
    assertEquals("v1", RunSpecs.configVersion(scaled));
    assertEquals(4, RunSpecs.instances(scaled));
    assertEquals(12, RunSpecs.killGracePeriodSeconds(scaled));
    assertEquals(new Backoff(2, 3, 60), Backoff.of(scaled));
    assertEquals(List.of("data"), RunSpecs.persistentVolumePaths(Fixtures.app(1)));
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
    assertEquals("p1", RunSpecs.configVersion(pod));
    assertEquals(3, RunSpecs.killGracePeriodSeconds(pod));
    assertEquals(List.of("pgdata"), RunSpecs.persistentVolumePaths(pod));
    assertEquals(List.of("db", "sidecar"), RunSpecs.containerNames(pod));
  }

  @ParameterizedTest(name = "{0} failures -> {1} ms")
  @CsvSource({"0, 0", "1, 1000", "2, 1150", "3, 1322", "40, 232925", "50, 300000"})
  void backoffDelays(int failures, long millis) {
    assertEquals(millis, Backoff.DEFAULT.delayMillis(failures));
  }
}
