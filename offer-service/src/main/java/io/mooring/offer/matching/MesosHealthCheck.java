package io.mooring.offer.matching;

import io.mooring.model.HealthChecks;
import io.mooring.proto.v1.App;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.HealthCheck;

/**
 * The app's health check that Mesos runs, as the TaskInfo carries it (Marathon's MesosHealthCheck): HTTP(S) and TCP on
 * the host port the check names (its {@code port}, or the task's port at {@code portIndex}), or a command.
 */
final class MesosHealthCheck {
  private MesosHealthCheck() {}

  static Optional<HealthCheck> of(App app, List<Integer> hostPorts) {
    return HealthChecks.runByMesos(app).flatMap(check -> of(check, hostPorts));
  }

  private static Optional<HealthCheck> of(HealthChecks.Check check, List<Integer> hostPorts) {
    HealthCheck.Builder mesos = HealthCheck.newBuilder()
        .setDelaySeconds(check.delaySeconds())
        .setIntervalSeconds(check.intervalSeconds())
        .setTimeoutSeconds(check.timeoutSeconds())
        .setConsecutiveFailures(check.maxConsecutiveFailures())
        .setGracePeriodSeconds(check.gracePeriodSeconds());
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
