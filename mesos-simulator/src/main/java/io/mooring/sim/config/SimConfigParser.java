package io.mooring.sim.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the simulator's configuration: defaults, then a JSON file ({@code --config}), then flags. Every flag and file
 * key is listed in the module README.
 */
public final class SimConfigParser {
  private SimConfigParser() {}

  public static SimConfig parse(String[] args, Map<String, String> env) throws IOException {
    Map<String, String> flags = flags(args);
    Path home = Path.of(flags.getOrDefault("home", env.getOrDefault("MOORING_HOME", ".mooring"))).resolve("sim");
    SimConfig config = SimConfig.defaults(home);
    if (flags.containsKey("config")) config = file(config, Path.of(flags.get("config")));
    String runner = flags.getOrDefault("runner", null);
    if (flags.containsKey("config") && !flags.containsKey("agents") && runner != null) {
      String all = runner(runner); // the file's agents, every one on this runner
      config = config.withAgents(config.agents().stream().map(a -> new AgentSpec(a.name(), a.hostname(), a.cpus(),
          a.memMb(), a.ports(), a.rootDiskMb(), a.disks(), all, a.attributes())).toList());
    } else if (flags.containsKey("agents") || runner != null) {
      int count = flags.containsKey("agents") ? positive("agents", flags.get("agents")) : config.agents().size();
      config = config.withAgents(SimConfig.standardAgents(count, runner == null ? "process" : runner(runner)));
    }
    if (flags.containsKey("port")) config = config.withPort(port(flags.get("port")));
    if (flags.containsKey("host")) {
      config = new SimConfig(flags.get("host"), config.port(), config.home(), config.allocationInterval(),
          config.heartbeatInterval(), config.agentUnreachableTimeout(), config.agents(), config.credentials());
    }
    config = config.withTimings(
        duration(flags, "allocation-interval", config.allocationInterval()),
        duration(flags, "heartbeat-interval", config.heartbeatInterval()),
        duration(flags, "agent-unreachable-timeout", config.agentUnreachableTimeout()));
    if (flags.containsKey("credentials")) config = config.withCredentials(credentials(flags.get("credentials")));
    return config;
  }

  private static Map<String, String> flags(String[] args) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("Expected --flag=value, got '" + arg + "'");
      }
      String name = arg.substring(2, arg.indexOf('='));
      if (!List.of("home", "config", "agents", "runner", "port", "host", "allocation-interval", "heartbeat-interval",
          "agent-unreachable-timeout", "credentials").contains(name)) {
        throw new IllegalArgumentException("Unknown flag --" + name);
      }
      flags.put(name, arg.substring(arg.indexOf('=') + 1));
    }
    return flags;
  }

  /** The JSON file: {"port", "agents": [{name, hostname, cpus, mem, ports, disk, disks, runner, attributes}]}. */
  static SimConfig file(SimConfig base, Path file) throws IOException {
    JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    SimConfig config = base;
    if (json.has("port")) config = config.withPort(json.get("port").getAsInt());
    if (json.has("agents")) {
      List<AgentSpec> agents = new ArrayList<>();
      JsonArray array = json.getAsJsonArray("agents");
      for (int i = 0; i < array.size(); i++) agents.add(agent(i, array.get(i).getAsJsonObject()));
      config = config.withAgents(agents);
    }
    return config;
  }

  private static AgentSpec agent(int index, JsonObject j) {
    AgentSpec d = AgentSpec.standard(index, "process");
    List<long[]> ports = d.ports();
    if (j.has("ports")) {
      ports = new ArrayList<>();
      for (JsonElement range : j.getAsJsonArray("ports")) {
        JsonArray r = range.getAsJsonArray();
        ports.add(new long[] {r.get(0).getAsLong(), r.get(1).getAsLong()});
      }
    }
    List<DiskSpec> disks = d.disks();
    if (j.has("disks")) {
      disks = new ArrayList<>();
      for (JsonElement e : j.getAsJsonArray("disks")) {
        JsonObject disk = e.getAsJsonObject();
        disks.add(new DiskSpec(DiskSpec.Type.valueOf(disk.get("type").getAsString()), disk.get("root").getAsString(),
            disk.get("size").getAsDouble(), disk.has("profile") ? disk.get("profile").getAsString() : null));
      }
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    if (j.has("attributes")) j.getAsJsonObject("attributes").entrySet()
        .forEach(a -> attributes.put(a.getKey(), a.getValue().getAsString()));
    return new AgentSpec(
        j.has("name") ? j.get("name").getAsString() : d.name(),
        j.has("hostname") ? j.get("hostname").getAsString() : d.hostname(),
        j.has("cpus") ? j.get("cpus").getAsDouble() : d.cpus(),
        j.has("mem") ? j.get("mem").getAsDouble() : d.memMb(),
        ports,
        j.has("disk") ? j.get("disk").getAsDouble() : d.rootDiskMb(),
        disks,
        j.has("runner") ? runner(j.get("runner").getAsString()) : d.runner(),
        attributes);
  }

  private static String runner(String value) {
    if (!value.equals("process") && !value.equals("virtual")) {
      throw new IllegalArgumentException("--runner must be 'process' or 'virtual', got '" + value + "'");
    }
    return value;
  }

  private static int positive(String name, String value) {
    int n = Integer.parseInt(value);
    if (n < 1) throw new IllegalArgumentException("--" + name + " must be at least 1");
    return n;
  }

  private static int port(String value) {
    int port = Integer.parseInt(value);
    if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be 0..65535");
    return port;
  }

  /** "500ms", "2s", "1m"; a bare number is seconds. */
  static Duration duration(Map<String, String> flags, String name, Duration fallback) {
    String v = flags.get(name);
    if (v == null) return fallback;
    Duration d;
    if (v.endsWith("ms")) d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
    else if (v.endsWith("s")) d = Duration.ofMillis((long) (Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
    else if (v.endsWith("m")) d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
    else d = Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("--" + name + " must be positive");
    return d;
  }

  /** "principal:secret,principal2:secret2". */
  private static Map<String, String> credentials(String value) {
    Map<String, String> credentials = new LinkedHashMap<>();
    for (String pair : value.split(",")) {
      int colon = pair.indexOf(':');
      if (colon <= 0) throw new IllegalArgumentException("--credentials expects principal:secret[,principal:secret]");
      credentials.put(pair.substring(0, colon), pair.substring(colon + 1));
    }
    return credentials;
  }
}
