package io.mooring.sim;

import io.mooring.sim.config.SimConfig;
import io.mooring.sim.config.SimConfigParser;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar mesos-simulator.jar [--flag=value ...]}: the simulator in the foreground until SIGTERM. */
public final class SimulatorMain {
  private static final Logger log = LoggerFactory.getLogger(SimulatorMain.class);

  private SimulatorMain() {}

  public static void main(String[] args) throws Exception {
    SimConfig config;
    try {
      config = SimConfigParser.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("mesos-simulator: " + e.getMessage());
      System.exit(2);
      return;
    }
    Simulator simulator = Simulator.start(config);
    log.info("Mesos simulator listening on {} with {} agents (home {})", simulator.url(), config.agents().size(),
        config.home().toAbsolutePath());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      simulator.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
  }
}
