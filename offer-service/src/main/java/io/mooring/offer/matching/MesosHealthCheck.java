package io.mooring.offer.matching;

import io.mooring.model.HealthChecks;
import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Endpoint;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodContainer;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.HealthCheck;

/**
 * The health check that Mesos runs, as the TaskInfo carries it (Marathon's MesosHealthCheck): an app's HTTP(S) and
 * TCP on the host port the check names (its {@code port}, or the task's port at {@code portIndex}), or a command; a
 * pod container's HTTP(S) and TCP on the port of the endpoint it names, or a command.
 */
final class MesosHealthCheck {
  private MesosHealthCheck() {}

  static Optional<HealthCheck> of(App app, List<Integer> hostPorts) {
    return HealthChecks.runByMesos(app).flatMap(check -> of(check, hostPorts));
  }

  /**
   * A pod container's check (Marathon TaskGroupBuilder.computeHealthCheck). The endpoint's port is the one Mesos
   * reaches from inside the task's network: on host networking its host port, on a container network its container
   * port (Marathon's PortAssignment for pods).
   *
   * @param hostPorts the host ports of the container's endpoints that have one, in endpoint order
   */
  static Optional<HealthCheck> of(Pod pod, PodContainer container, List<Integer> hostPorts) {
    return HealthChecks.ofContainer(pod, container).flatMap(check -> check.kind().flatMap(kind -> switch (kind) {
      case EXEC -> Optional.of(timing(check).setType(HealthCheck.Type.COMMAND).setCommand(command(check)).build());
      case TCP -> port(pod, container, check.endpoint(), hostPorts).map(port -> timing(check)
          .setType(HealthCheck.Type.TCP).setTcp(HealthCheck.TCPCheckInfo.newBuilder().setPort(port)).build());
      case HTTP -> port(pod, container, check.endpoint(), hostPorts).map(port -> {
        HealthCheck.HTTPCheckInfo.Builder http = HealthCheck.HTTPCheckInfo.newBuilder()
            .setScheme(check.https() ? "https" : "http").setPort(port);
        check.path().ifPresent(http::setPath);
        return timing(check).setType(HealthCheck.Type.HTTP).setHttp(http).build();
      });
    }));
  }

  /** shell runs in a shell; argv is exec'd, argv[0] the executable (Marathon's Executable.toProto). */
  private static CommandInfo command(HealthChecks.ContainerCheck check) {
    Optional<String> shell = check.shell();
    if (shell.isPresent()) {
      return CommandInfo.newBuilder().setShell(true).setValue(shell.get()).build();
    }
    return CommandInfo.newBuilder().setShell(false).setValue(check.argv().get(0)).addAllArguments(check.argv())
        .build();
  }

  private static Optional<Integer> port(Pod pod, PodContainer container, String endpoint, List<Integer> hostPorts) {
    boolean hostNetwork = RunSpecs.hostNetwork(pod);
    Iterator<Integer> ports = hostPorts.iterator();
    for (Endpoint e : container.getEndpointsList()) {
      Integer hostPort = PodRequirements.wantsHostPort(e, hostNetwork) && ports.hasNext() ? ports.next() : null;
      if (!e.getName().equals(endpoint)) continue;
      if (hostNetwork) return Optional.ofNullable(hostPort);
      return e.hasContainerPort() ? Optional.of(e.getContainerPort()) : Optional.empty();
    }
    return Optional.empty();
  }

  private static HealthCheck.Builder timing(HealthChecks.Timing check) {
    return HealthCheck.newBuilder()
        .setDelaySeconds(check.delaySeconds())
        .setIntervalSeconds(check.intervalSeconds())
        .setTimeoutSeconds(check.timeoutSeconds())
        .setConsecutiveFailures(check.maxConsecutiveFailures())
        .setGracePeriodSeconds(check.gracePeriodSeconds());
  }

  private static Optional<HealthCheck> of(HealthChecks.Check check, List<Integer> hostPorts) {
    HealthCheck.Builder mesos = timing(check);
    if (check.protocol().equals("COMMAND")) {
      return Optional.of(mesos.setType(HealthCheck.Type.COMMAND)
          .setCommand(CommandInfo.newBuilder().setShell(true).setValue(check.command())).build());
    }
    Optional<Integer> port = check.port().or(() -> check.portIndex() < hostPorts.size()
        ? Optional.of(hostPorts.get(check.portIndex())) : Optional.empty());
    if (port.isEmpty()) {
      return Optional.empty();  // validation requires a port; a check without one cannot run
    }
    if (check.protocol().equals("MESOS_TCP")) {
      return Optional.of(mesos.setType(HealthCheck.Type.TCP)
          .setTcp(HealthCheck.TCPCheckInfo.newBuilder().setPort(port.get())).build());
    }
    return Optional.of(mesos.setType(HealthCheck.Type.HTTP).setHttp(HealthCheck.HTTPCheckInfo.newBuilder()
        .setScheme(check.protocol().equals("MESOS_HTTPS") ? "https" : "http").setPort(port.get())
        .setPath(check.path())).build());
  }
}
