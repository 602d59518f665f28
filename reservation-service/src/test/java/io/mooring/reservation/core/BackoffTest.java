package io.mooring.reservation.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodBackoff;
import io.mooring.proto.v1.PodScheduling;
import io.mooring.proto.v1.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {
  @Test
  void marathonsDefaultsWhenTheSpecSaysNothing() {
    assertEquals(Backoff.DEFAULT, Backoff.of(RunSpec.newBuilder().setApp(App.newBuilder().setId("/db")).build()));
    assertEquals(Backoff.DEFAULT, Backoff.of(RunSpec.newBuilder().setPod(Pod.newBuilder().setId("/pg")).build()));
  }

  @Test
  void theSpecsOwn() {
    RunSpec app = RunSpec.newBuilder().setApp(App.newBuilder().setId("/db").setBackoffSeconds(2).setBackoffFactor(3)
        .setMaxLaunchDelaySeconds(60)).build();
    RunSpec pod = RunSpec.newBuilder().setPod(Pod.newBuilder().setId("/pg").setScheduling(PodScheduling.newBuilder()
        .setBackoff(PodBackoff.newBuilder().setBackoff(2).setBackoffFactor(3).setMaxLaunchDelay(60)))).build();

    assertEquals(new Backoff(2, 3, 60), Backoff.of(app));
    assertEquals(new Backoff(2, 3, 60), Backoff.of(pod));
  }

  @ParameterizedTest(name = "{0} failures -> {1} ms")
  @CsvSource({"0, 0", "1, 1000", "2, 1150", "3, 1322", "40, 232925", "50, 300000"})
  void delays(int failures, long millis) {
    assertEquals(millis, Backoff.DEFAULT.delayMillis(failures));
  }
}
