package io.mooring.sim.e2e;

import io.mooring.mesos.MediaTypes;
import java.nio.file.Path;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The setup the ACCEPT refusal tests share: a one-agent virtual cluster and one subscribed scheduler per test. */
abstract class OneAgentScheduler {
  @TempDir Path home;
  SimFixture sim;
  SchedulerClient client;

  @BeforeEach
  void start() throws Exception {
    sim = new SimFixture(home, 1, "virtual");
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) client.close();
    sim.close();
  }

  /** Subscribes the test's scheduler and returns its first offer. */
  Offer subscribe(FrameworkInfo info) throws Exception {
    client = sim.client(MediaTypes.Encoding.PROTOBUF);
    return RefusalSupport.subscribedOffer(client, info);
  }
}
