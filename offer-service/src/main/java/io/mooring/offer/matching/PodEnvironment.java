package io.mooring.offer.matching;

import io.mooring.proto.v1.Endpoint;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodContainer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment of a pod container's task as Marathon sets it (TaskGroupBuilder): the pod's variables, then the
 * container's, then the task context, labels and endpoints, which win over user variables of the same name.
 */
final class PodEnvironment {
  private PodEnvironment() {}

  /** @param hostPorts per container, the host ports chosen for its endpoints */
  static Map<String, String> of(Pod pod, PodRequirements need, int index, String taskId, String host,
      List<List<Integer>> hostPorts) {
    PodContainer container = pod.getContainers(index);
    Map<String, String> env = new LinkedHashMap<>(new TreeMap<>(pod.getEnvironmentMap()));
    env.putAll(new TreeMap<>(container.getEnvironmentMap()));
    env.put("MARATHON_APP_ID", pod.getId());
    env.put("MARATHON_APP_VERSION", pod.getVersion());
    env.put("MARATHON_CONTAINER_ID", container.getName());
    env.put("MESOS_TASK_ID", taskId);
    env.put("HOST", host);
    AppRequirements own = need.containers().get(index);
    env.put("MARATHON_CONTAINER_RESOURCE_CPUS", String.valueOf(own.cpus()));
    env.put("MARATHON_CONTAINER_RESOURCE_MEM", String.valueOf(own.memMb()));
    env.put("MARATHON_CONTAINER_RESOURCE_DISK", String.valueOf(own.diskMb()));
    env.put("MARATHON_CONTAINER_RESOURCE_GPUS", String.valueOf(own.gpus()));
    env.put("MARATHON_EXECUTOR_RESOURCE_CPUS", String.valueOf(need.executor().cpus()));
    env.put("MARATHON_EXECUTOR_RESOURCE_MEM", String.valueOf(need.executor().memMb()));
    env.put("MARATHON_EXECUTOR_RESOURCE_DISK", String.valueOf(need.executor().diskMb()));
    Map<String, String> labels = new TreeMap<>(pod.getLabelsMap());
    labels.putAll(container.getLabelsMap());
    TaskEnvironment.labels(labels, env);
    endpoints(pod, hostPorts, env);
    return env;
  }

  /**
   * Every endpoint of the pod, so that containers find each other: ENDPOINT_NAME (the host port on host networking,
   * else the container port), EP_HOST_NAME and EP_CONTAINER_NAME when there is such a port.
   */
  private static void endpoints(Pod pod, List<List<Integer>> hostPorts, Map<String, String> env) {
    boolean hostNetwork = PodRequirements.hostNetwork(pod);
    for (int i = 0; i < pod.getContainersCount(); i++) {
      Iterator<Integer> ports = hostPorts.get(i).iterator();
      for (Endpoint e : pod.getContainers(i).getEndpointsList()) {
        String name = envName(e.getName());
        Integer hostPort = PodRequirements.wantsHostPort(e, hostNetwork) ? ports.next() : null;
        Integer containerPort = e.hasContainerPort() ? e.getContainerPort() : null;
        Integer endpoint = hostNetwork ? hostPort : containerPort;
        if (endpoint != null) env.put("ENDPOINT_" + name, String.valueOf(endpoint));
        if (hostPort != null) env.put("EP_HOST_" + name, String.valueOf(hostPort));
        if (containerPort != null) env.put("EP_CONTAINER_" + name, String.valueOf(containerPort));
      }
    }
  }

  /** "http-api" → "HTTP_API". */
  static String envName(String endpointName) {
    return endpointName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]+", "_");
  }
}
