package io.mooring.chaos;

import io.mooring.testkit.Ports;
import io.mooring.testkit.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as processes under {@code home}: etcd, the Mesos simulator (agents run real processes) and every
 * service, with their logs in {@code home/logs}. The driver kills and restarts any of them except the simulator, whose
 * faults go through its control API instead.
 */
final class Cluster implements AutoCloseable {
  /** The services in start order; each can be killed with -9. */
  static final List<String> SERVICES =
      List.of("definition-service", "reservation-service", "offer-service", "volume-gc-service", "api-gateway");

  final Path home;
  final EtcdProcess etcd;
  final ServiceProcess simulator;
  final int mesosPort = Ports.free();
  final int httpPort = Ports.free();
  private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
  /** Everything started, in order: stopped in reverse by {@link #close}, or on the way out if the run is stopped. */
  private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
  private final Thread onExit = new Thread(this::stopAll, "chaos-stop");

  Cluster(Path root, Profile profile) throws IOException {
    home = Home.fresh(profile.home());
    Path logs = Files.createDirectories(home.resolve("logs"));
    Runtime.getRuntime().addShutdownHook(onExit);
    etcd = new EtcdProcess(home.resolve("etcd"));
    started.add(etcd);
    simulator = ServiceProcess.start(root, "mesos-simulator", mesosPort, Map.of(), List.of(
        "--port=" + mesosPort, "--home=" + home, "--agents=" + profile.agents(), "--runner=process",
        "--allocation-interval=200ms", "--heartbeat-interval=2s", "--agent-unreachable-timeout=10s"),
        logs.resolve("mesos-simulator.log"));
    started.add(simulator);
    Map<String, Integer> ports = new LinkedHashMap<>();
    SERVICES.forEach(name -> ports.put(name, name.equals("api-gateway") ? httpPort : Ports.free()));
    Map<String, String> environment = new HashMap<>(Map.of(
        "MOORING_ETCD_ENDPOINTS", etcd.endpoint(),
        "MOORING_MESOS_MASTER", "http://127.0.0.1:" + mesosPort,
        "MOORING_DEFINITION_ADDRESS", "127.0.0.1:" + ports.get("definition-service"),
        "MOORING_RESERVATION_ADDRESS", "127.0.0.1:" + ports.get("reservation-service"),
        "MOORING_OFFER_ADDRESS", "127.0.0.1:" + ports.get("offer-service"),
        "MOORING_GC_ADDRESS", "127.0.0.1:" + ports.get("volume-gc-service"),
        "MOORING_GC_INTERVAL", "1s",
        "MOORING_GC_ORPHAN_GRACE", profile.orphanGrace().toSeconds() + "s",
        "MOORING_GC_ABSENT_AGENT_GRACE", "60s"));
    for (String name : SERVICES) {
      Map<String, String> own = new HashMap<>(environment);
      own.put(portVariable(name), String.valueOf(ports.get(name)));
      services.put(name, ServiceProcess.start(root, name, ports.get(name), own, List.of(),
          logs.resolve(name + ".log")));
      started.add(services.get(name));
    }
  }

  private static String portVariable(String service) {
    switch (service) {
      case "definition-service": return "MOORING_DEFINITION_PORT";
      case "reservation-service": return "MOORING_RESERVATION_PORT";
      case "offer-service": return "MOORING_OFFER_PORT";
      case "volume-gc-service": return "MOORING_GC_PORT";
      default: return "MOORING_HTTP_PORT";
    }
  }

  String mesos() {
    return "http://127.0.0.1:" + mesosPort;
  }

  String gateway() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Where agent {@code name} keeps its work dir: {@code <home>/sim/agents/<name>/work}. */
  Path agents() {
    return home.resolve("sim").resolve("agents");
  }

  void kill9(String service) throws InterruptedException {
    services.get(service).kill9();
  }

  /** Every process that is down is started again (etcd first); answers their names. */
  List<String> restartDead() throws IOException {
    List<String> restarted = new ArrayList<>();
    if (!etcd.isAlive()) {
      etcd.start();
      restarted.add("etcd");
    }
    for (Map.Entry<String, ServiceProcess> service : services.entrySet()) {
      if (!service.getValue().isAlive()) {
        service.getValue().restart();
        restarted.add(service.getKey());
      }
    }
    return restarted;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException exiting) {
      return;  // the hook stops everything
    }
    stopAll();
  }

  /** The simulator stops its tasks' processes on the way (SIGTERM): nothing of a run outlives it. */
  private void stopAll() {
    List<AutoCloseable> reversed = new ArrayList<>(started);
    Collections.reverse(reversed);
    for (AutoCloseable process : reversed) {
      try {
        process.close();
      } catch (Exception e) {
        System.err.println("could not stop a process of the run: " + e);
      }
    }
    started.clear();
  }
}
