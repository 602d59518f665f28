package io.mooring.sim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven tests of {@link SimConfigParser} against the README's Configuration section. */
class SimConfigParserTest {
  private static final Map<String, String> NO_ENV = Map.of();
  private static final List<DiskSpec> STANDARD_DISKS = List.of(
      new DiskSpec(DiskSpec.Type.PATH, "/mnt/path-0", 10240, null),
      new DiskSpec(DiskSpec.Type.MOUNT, "/mnt/ssd-0", 4096, null),
      new DiskSpec(DiskSpec.Type.MOUNT, "/mnt/ssd-1", 8192, "fast"));

  // ------------------------------------------------------------------ accepted flags: (description, args, env, view, expected)

  static Stream<Arguments> accepted() {
    return Stream.of(
        // defaults
        ok("default agent count", args(), NO_ENV, c -> c.agents().size(), 3),
        ok("default agent names", args(), NO_ENV, c -> names(c), List.of("agent-0", "agent-1", "agent-2")),
        ok("default hostnames: distinct loopback addresses", args(), NO_ENV,
            c -> c.agents().stream().map(AgentSpec::hostname).toList(), List.of("127.0.0.1", "127.0.0.2", "127.0.0.3")),
        ok("default agent cpus, mem, root disk", args(), NO_ENV,
            c -> c.agents().stream().map(a -> List.of(a.cpus(), a.memMb(), a.rootDiskMb())).distinct().toList(),
            List.of(List.of(4.0, 8192.0, 20480.0))),
        ok("default ports: each agent its own 50", args(), NO_ENV, c -> ports(c.agents().get(2)), "[[31100, 31149]]"),
        ok("default disks: PATH /mnt/path-0, MOUNT /mnt/ssd-0, MOUNT /mnt/ssd-1 (fast)", args(), NO_ENV,
            c -> c.agents().stream().map(AgentSpec::disks).distinct().toList(), List.of(STANDARD_DISKS)),
        ok("default runner process", args(), NO_ENV, c -> runners(c), List.of("process", "process", "process")),
        ok("default attributes none", args(), NO_ENV, c -> c.agents().get(0).attributes(), Map.of()),
        ok("default port", args(), NO_ENV, SimConfig::port, 5050),
        ok("default host", args(), NO_ENV, SimConfig::host, "127.0.0.1"),
        ok("default allocation interval 1s", args(), NO_ENV, SimConfig::allocationInterval, Duration.ofSeconds(1)),
        ok("default heartbeat interval 15s", args(), NO_ENV, SimConfig::heartbeatInterval, Duration.ofSeconds(15)),
        ok("default agent unreachable timeout 75s", args(), NO_ENV, SimConfig::agentUnreachableTimeout,
            Duration.ofSeconds(75)),
        ok("default credentials none", args(), NO_ENV, SimConfig::credentials, Map.of()),

        // home: --home, else $MOORING_HOME, else .mooring; always <home>/sim
        ok("home default .mooring/sim", args(), NO_ENV, SimConfig::home, Path.of(".mooring", "sim")),
        ok("home from MOORING_HOME", args(), Map.of("MOORING_HOME", "/srv/mooring"), SimConfig::home,
            Path.of("/srv/mooring/sim")),
        ok("home from --home", args("--home=/data/m"), NO_ENV, SimConfig::home, Path.of("/data/m/sim")),
        ok("--home wins over MOORING_HOME", args("--home=/data/m"), Map.of("MOORING_HOME", "/srv/mooring"),
            SimConfig::home, Path.of("/data/m/sim")),
        ok("relative --home", args("--home=work"), NO_ENV, SimConfig::home, Path.of("work", "sim")),

        // --agents and --runner
        ok("--agents=5", args("--agents=5"), NO_ENV, c -> names(c),
            List.of("agent-0", "agent-1", "agent-2", "agent-3", "agent-4")),
        ok("--agents=1", args("--agents=1"), NO_ENV, c -> c.agents().size(), 1),
        ok("--agents=300 gets distinct hostnames", args("--agents=300"), NO_ENV,
            c -> c.agents().stream().map(AgentSpec::hostname).distinct().count(), 300L),
        ok("--agents keeps the standard disks", args("--agents=2"), NO_ENV,
            c -> c.agents().get(1).disks(), STANDARD_DISKS),
        ok("--runner=virtual for the 3 standard agents", args("--runner=virtual"), NO_ENV, c -> runners(c),
            List.of("virtual", "virtual", "virtual")),
        ok("--runner=process", args("--runner=process"), NO_ENV, c -> runners(c),
            List.of("process", "process", "process")),
        ok("--agents=2 --runner=virtual", args("--agents=2", "--runner=virtual"), NO_ENV, c -> runners(c),
            List.of("virtual", "virtual")),

        // --port and --host
        ok("--port=6060", args("--port=6060"), NO_ENV, SimConfig::port, 6060),
        ok("--port=0 (ephemeral)", args("--port=0"), NO_ENV, SimConfig::port, 0),
        ok("--port=65535", args("--port=65535"), NO_ENV, SimConfig::port, 65535),
        ok("--host=0.0.0.0", args("--host=0.0.0.0"), NO_ENV, SimConfig::host, "0.0.0.0"),
        ok("--host keeps the port", args("--port=7000", "--host=0.0.0.0"), NO_ENV, SimConfig::port, 7000),

        // durations: 500ms, 2s, 1m, bare seconds
        ok("--allocation-interval=500ms", args("--allocation-interval=500ms"), NO_ENV, SimConfig::allocationInterval,
            Duration.ofMillis(500)),
        ok("--allocation-interval=2s", args("--allocation-interval=2s"), NO_ENV, SimConfig::allocationInterval,
            Duration.ofSeconds(2)),
        ok("--allocation-interval=1.5s", args("--allocation-interval=1.5s"), NO_ENV, SimConfig::allocationInterval,
            Duration.ofMillis(1500)),
        ok("--allocation-interval=1m", args("--allocation-interval=1m"), NO_ENV, SimConfig::allocationInterval,
            Duration.ofMinutes(1)),
        ok("--allocation-interval=3 (bare seconds)", args("--allocation-interval=3"), NO_ENV,
            SimConfig::allocationInterval, Duration.ofSeconds(3)),
        ok("--allocation-interval=0.25 (bare fractional seconds)", args("--allocation-interval=0.25"), NO_ENV,
            SimConfig::allocationInterval, Duration.ofMillis(250)),
        ok("--heartbeat-interval=2s", args("--heartbeat-interval=2s"), NO_ENV, SimConfig::heartbeatInterval,
            Duration.ofSeconds(2)),
        ok("--agent-unreachable-timeout=5m", args("--agent-unreachable-timeout=5m"), NO_ENV,
            SimConfig::agentUnreachableTimeout, Duration.ofMinutes(5)),
        ok("one duration flag leaves the others alone", args("--heartbeat-interval=100ms"), NO_ENV,
            c -> List.of(c.allocationInterval(), c.heartbeatInterval(), c.agentUnreachableTimeout()),
            List.of(Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(75))),

        // --credentials
        ok("--credentials one pair", args("--credentials=fw:secret"), NO_ENV, SimConfig::credentials,
            Map.of("fw", "secret")),
        ok("--credentials two pairs, in order", args("--credentials=a:1,b:2"), NO_ENV,
            c -> List.copyOf(c.credentials().entrySet()), List.copyOf(ordered("a", "1", "b", "2").entrySet())),
        ok("--credentials secret containing a colon", args("--credentials=fw:s:e:c"), NO_ENV, SimConfig::credentials,
            Map.of("fw", "s:e:c")),
        ok("--credentials empty secret", args("--credentials=fw:"), NO_ENV, SimConfig::credentials, Map.of("fw", "")),
        ok("flag order does not matter", args("--runner=virtual", "--agents=1", "--port=1"), NO_ENV,
            c -> List.of(c.agents().size(), c.agents().get(0).runner(), c.port()), List.of(1, "virtual", 1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void parses(String description, String[] args, Map<String, String> env, Function<SimConfig, Object> view,
      Object expected) throws IOException {
    assertEquals(expected, view.apply(SimConfigParser.parse(args, env)));
  }

  // ------------------------------------------------------------------ refused flags: (description, args, fragment)

  static Stream<Arguments> refused() {
    return Stream.of(
        no("unknown flag", args("--bogus=1"), "Unknown flag --bogus"),
        no("unknown flag next to good ones", args("--port=1", "--agent=2"), "Unknown flag --agent"),
        no("single dash", args("-port=1"), "Expected --flag=value, got '-port=1'"),
        no("no dashes", args("port=1"), "Expected --flag=value, got 'port=1'"),
        no("flag without value", args("--agents"), "Expected --flag=value, got '--agents'"),
        no("positional argument", args("config.json"), "Expected --flag=value, got 'config.json'"),
        no("--agents=0", args("--agents=0"), "--agents must be at least 1"),
        no("--agents=-2", args("--agents=-2"), "--agents must be at least 1"),
        no("--agents=three", args("--agents=three"), "three"),
        no("--runner=docker", args("--runner=docker"), "--runner must be 'process' or 'virtual', got 'docker'"),
        no("--runner empty", args("--runner="), "--runner must be 'process' or 'virtual', got ''"),
        no("--port=65536", args("--port=65536"), "--port must be 0..65535"),
        no("--port=-1", args("--port=-1"), "--port must be 0..65535"),
        no("--port=http", args("--port=http"), "http"),
        no("--allocation-interval=0s", args("--allocation-interval=0s"), "--allocation-interval must be positive"),
        no("--allocation-interval=0", args("--allocation-interval=0"), "--allocation-interval must be positive"),
        no("--allocation-interval=0ms", args("--allocation-interval=0ms"), "--allocation-interval must be positive"),
        no("--allocation-interval=0m", args("--allocation-interval=0m"), "--allocation-interval must be positive"),
        no("--allocation-interval=0.0001s (rounds to zero)", args("--allocation-interval=0.0001s"),
            "--allocation-interval must be positive"),
        no("--heartbeat-interval=-1s", args("--heartbeat-interval=-1s"), "--heartbeat-interval must be positive"),
        no("--heartbeat-interval=-500ms", args("--heartbeat-interval=-500ms"), "--heartbeat-interval must be positive"),
        no("--agent-unreachable-timeout=-1", args("--agent-unreachable-timeout=-1"),
            "--agent-unreachable-timeout must be positive"),
        no("--agent-unreachable-timeout=-1m", args("--agent-unreachable-timeout=-1m"),
            "--agent-unreachable-timeout must be positive"),
        no("--allocation-interval=soon", args("--allocation-interval=soon"), "soon"),
        no("--credentials without colon", args("--credentials=fw"), "--credentials expects principal:secret"),
        no("--credentials with empty principal", args("--credentials=:secret"), "--credentials expects principal:secret"),
        no("--credentials second pair without colon", args("--credentials=a:1,b"),
            "--credentials expects principal:secret"),
        no("--credentials empty", args("--credentials="), "--credentials expects principal:secret"),
        no("--credentials empty pair in the middle", args("--credentials=a:1,,b:2"),
            "--credentials expects principal:secret"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refuses(String description, String[] args, String fragment) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimConfigParser.parse(args, NO_ENV));
    assertTrue(e.getMessage().contains(fragment), "expected \"" + fragment + "\" in \"" + e.getMessage() + "\"");
  }

  // ------------------------------------------------------------------ the JSON file: (description, json, extra flags, view, expected)

  private static final String CUSTOM = """
      {"port": 6000,
       "agents": [
         {"name": "big", "hostname": "10.0.0.5", "cpus": 16, "mem": 65536,
          "ports": [[20000, 20100], [30000, 30010]], "disk": 1000,
          "disks": [{"type": "MOUNT", "root": "/mnt/nvme", "size": 500, "profile": "fast"},
                    {"type": "PATH", "root": "/mnt/p", "size": 100}],
          "runner": "virtual", "attributes": {"rack": "r1", "zone": "z"}},
         {}
       ]}
      """;

  static Stream<Arguments> files() {
    return Stream.of(
        file("port from the file", CUSTOM, args(), SimConfig::port, 6000),
        file("--port overrides the file", CUSTOM, args("--port=7000"), SimConfig::port, 7000),
        file("agents from the file", CUSTOM, args(), c -> names(c), List.of("big", "agent-1")),
        file("custom hostname", CUSTOM, args(), c -> c.agents().get(0).hostname(), "10.0.0.5"),
        file("custom cpus, mem, root disk", CUSTOM, args(),
            c -> List.of(c.agents().get(0).cpus(), c.agents().get(0).memMb(), c.agents().get(0).rootDiskMb()),
            List.of(16.0, 65536.0, 1000.0)),
        file("custom ports", CUSTOM, args(), c -> ports(c.agents().get(0)), "[[20000, 20100], [30000, 30010]]"),
        file("custom disks", CUSTOM, args(), c -> c.agents().get(0).disks(), List.of(
            new DiskSpec(DiskSpec.Type.MOUNT, "/mnt/nvme", 500, "fast"),
            new DiskSpec(DiskSpec.Type.PATH, "/mnt/p", 100, null))),
        file("custom runner", CUSTOM, args(), c -> runners(c), List.of("virtual", "process")),
        file("--runner puts the file's agents on one runner", CUSTOM, args("--runner=virtual"), c -> names(c) + " "
            + runners(c), "[big, agent-1] [virtual, virtual]"),
        file("custom attributes, in order", CUSTOM, args(), c -> List.copyOf(c.agents().get(0).attributes().entrySet()),
            List.copyOf(ordered("rack", "r1", "zone", "z").entrySet())),
        file("an empty agent takes the standard values of its index", CUSTOM, args(), c -> spec(c.agents().get(1)),
            spec(AgentSpec.standard(1, "process"))),
        file("no agents key keeps the 3 standard agents", "{\"port\": 6001}", args(), c -> specs(c.agents()),
            specs(SimConfig.standardAgents(3, "process"))),
        file("an empty file object keeps the defaults", "{}", args(), c -> List.of(c.port(), c.agents().size()),
            List.of(5050, 3)),
        file("--agents replaces the file's agents with standard ones", CUSTOM, args("--agents=2"),
            c -> specs(c.agents()), specs(SimConfig.standardAgents(2, "process"))),
        file("durations still come from flags", CUSTOM, args("--allocation-interval=250ms"),
            SimConfig::allocationInterval, Duration.ofMillis(250)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void readsTheFile(String description, String json, String[] extra, Function<SimConfig, Object> view, Object expected,
      @TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("sim.json"), json);
    String[] args = Stream.concat(Stream.of("--config=" + file), Arrays.stream(extra)).toArray(String[]::new);
    assertEquals(expected, view.apply(SimConfigParser.parse(args, NO_ENV)));
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of("unknown runner in the file", "{\"agents\": [{\"runner\": \"k8s\"}]}",
            "--runner must be 'process' or 'virtual', got 'k8s'"),
        Arguments.of("unknown disk type", "{\"agents\": [{\"disks\": [{\"type\": \"RAW\", \"root\": \"/r\", \"size\": 1}]}]}",
            "RAW"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void refusesTheFile(String description, String json, String fragment, @TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("sim.json"), json);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SimConfigParser.parse(args("--config=" + file), NO_ENV));
    assertTrue(e.getMessage().contains(fragment), "expected \"" + fragment + "\" in \"" + e.getMessage() + "\"");
  }

  // ------------------------------------------------------------------ helpers

  private static Arguments ok(String description, String[] args, Map<String, String> env,
      Function<SimConfig, Object> view, Object expected) {
    return Arguments.of(description, args, env, view, expected);
  }

  private static Arguments no(String description, String[] args, String fragment) {
    return Arguments.of(description, args, fragment);
  }

  private static Arguments file(String description, String json, String[] extra, Function<SimConfig, Object> view,
      Object expected) {
    return Arguments.of(description, json, extra, view, expected);
  }

  private static String[] args(String... args) {
    return args;
  }

  private static List<String> names(SimConfig c) {
    return c.agents().stream().map(AgentSpec::name).toList();
  }

  /** An agent as comparable values (its ports are long[], which records compare by identity). */
  private static List<Object> spec(AgentSpec a) {
    return List.of(a.name(), a.hostname(), a.cpus(), a.memMb(), ports(a), a.rootDiskMb(), a.disks(), a.runner(),
        a.attributes());
  }

  private static List<List<Object>> specs(List<AgentSpec> agents) {
    return agents.stream().map(SimConfigParserTest::spec).toList();
  }

  private static List<String> runners(SimConfig c) {
    return c.agents().stream().map(AgentSpec::runner).toList();
  }

  private static String ports(AgentSpec agent) {
    return Arrays.deepToString(agent.ports().toArray(new long[0][]));
  }

  private static Map<String, String> ordered(String... keyValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) map.put(keyValues[i], keyValues[i + 1]);
    return map;
  }
}
