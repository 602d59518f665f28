package io.mooring.offer.matching;

import io.mooring.proto.v1.App;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A task's environment as Marathon sets it (EnvironmentHelper): the user's variables, then the task context, labels
 * and ports, which win over user variables of the same name.
 */
final class TaskEnvironment {
  /** Labels whose names cannot be variable names, or whose values are long, are left out (as Marathon does). */
  private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9_]+");
  private static final int MAX_LABEL_VALUE = 512;

  private TaskEnvironment() {}

  static Map<String, String> of(App app, String taskId, String host, List<PortRequest> ports, List<Integer> hostPorts) {
    Map<String, String> env = new LinkedHashMap<>(new TreeMap<>(app.getEnvMap()));
    AppRequirements need = AppRequirements.of(app);
    env.put("MARATHON_APP_ID", app.getId());
    env.put("MARATHON_APP_VERSION", app.getVersion());
    env.put("MESOS_TASK_ID", taskId);
    env.put("HOST", host);
    env.put("MARATHON_APP_RESOURCE_CPUS", String.valueOf(need.cpus()));
    env.put("MARATHON_APP_RESOURCE_MEM", String.valueOf(need.memMb()));
    env.put("MARATHON_APP_RESOURCE_DISK", String.valueOf(need.diskMb()));
    env.put("MARATHON_APP_RESOURCE_GPUS", String.valueOf(need.gpus()));
    labels(app.getLabelsMap(), env);
    if (hostPorts.isEmpty()) return env;
    env.put("PORTS", hostPorts.stream().map(String::valueOf).collect(Collectors.joining(",")));
    env.put("PORT", String.valueOf(hostPorts.get(0)));
    for (int i = 0; i < hostPorts.size(); i++) {
      String port = String.valueOf(hostPorts.get(i));
      env.put("PORT" + i, port);
      PortRequest request = ports.get(i);
      if (request.specPort() != 0) env.put("PORT_" + request.specPort(), port);
      if (request.name() != null && !request.name().isEmpty()) {
        env.put("PORT_" + request.name().toUpperCase(Locale.ROOT), port);
      }
    }
    return env;
  }

  /** MARATHON_APP_LABELS="a b" and MARATHON_APP_LABEL_A=value for each label fit for the environment. */
  static void labels(Map<String, String> labels, Map<String, String> env) {
    Map<String, String> usable = new TreeMap<>();
    labels.forEach((k, v) -> {
      if (LABEL_NAME.matcher(k).matches() && v.length() < MAX_LABEL_VALUE) usable.put(k, v);
    });
    if (usable.isEmpty()) return;
    env.put("MARATHON_APP_LABELS", String.join(" ", usable.keySet()));
    usable.forEach((k, v) -> env.put("MARATHON_APP_LABEL_" + k.toUpperCase(Locale.ROOT), v));
  }
}
