package io.mooring.chaos;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Takes {@link Observation}s: Mesos, then etcd, then the disks. Either may be away for a few seconds (a master failing
 * over, etcd killed), so each is asked again for up to a minute.
 */
final class Observer implements AutoCloseable {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final Http mesos;
  private final EtcdView etcd;
  private final Cluster cluster;

  Observer(Cluster cluster) {
    this.mesos = new Http(cluster.mesos());
    this.etcd = new EtcdView(cluster.etcd.endpoint());
    this.cluster = cluster;
  }

  Observation look() throws IOException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      Http.Answer state = mesos.get("/master/state");
      if (state.ok()) {
        MesosView view = MesosView.parse(state.body());
        return new Observation(view, records(deadline), VolumeFiles.read(cluster.agents()));
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IOException("/master/state answered " + state.status() + " for " + PATIENCE.toSeconds() + " s");
      }
      Pause.millis(500);
    }
  }

  private EtcdView.Records records(Instant deadline) {
    while (true) {
      try {
        return etcd.read();
      } catch (RuntimeException unavailable) {
        if (Instant.now().isAfter(deadline)) {
          throw unavailable;
        }
        Pause.millis(500);
      }
    }
  }

  @Override
  public void close() {
    etcd.close();
  }
}
