package io.mooring.offer.matching;

import io.mooring.model.ResourceLimitValues;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Artifact;
import io.mooring.proto.v1.ResourceLimits;
import io.mooring.proto.v1.Volume;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.Image;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.Value;

/**
 * The TaskInfo of an app task (Marathon mesos/TaskBuilder): command, environment, resource limits, Mesos container
 * with the Docker image if any, kill policy and labels. Persistent volumes need no container volume: Mesos mounts a
 * volume resource at its container_path in the sandbox.
 */
final class TaskBuilder {
  private TaskBuilder() {}

  static TaskInfo build(App app, String taskId, Offer offer, List<Resource> resources, List<PortRequest> ports,
      List<Integer> hostPorts) {
    TaskInfo.Builder task = TaskInfo.newBuilder().setName(taskName(app.getId()))
        .setTaskId(TaskID.newBuilder().setValue(taskId)).setAgentId(offer.getAgentId()).addAllResources(resources)
        .setCommand(command(app, TaskEnvironment.of(app, taskId, offer.getHostname(), ports, hostPorts)));
    task.putAllLimits(limits(app.getResourceLimits()));
    container(app).ifPresent(task::setContainer);
    if (app.hasTaskKillGracePeriodSeconds()) task.setKillPolicy(killPolicy(app.getTaskKillGracePeriodSeconds()));
    if (app.getLabelsCount() > 0) task.setLabels(labels(app.getLabelsMap()));
    MesosHealthCheck.of(app, hostPorts).ifPresent(task::setHealthCheck);
    return task.build();
  }

  /**
   * Mesos TaskInfo.limits (Marathon TaskBuilder.limitsAsJavaMap): what the task may use beyond its request,
   * "unlimited" as infinity. They reserve nothing, so a relaunch on a reservation takes them as they are now.
   */
  static Map<String, Value.Scalar> limits(ResourceLimits limits) {
    Map<String, Value.Scalar> mesos = new TreeMap<>();
    ResourceLimitValues.mesos(limits.getCpus())
        .ifPresent(value -> mesos.put("cpus", Value.Scalar.newBuilder().setValue(value).build()));
    ResourceLimitValues.mesos(limits.getMem())
        .ifPresent(value -> mesos.put("mem", Value.Scalar.newBuilder().setValue(value).build()));
    return mesos;
  }

  static KillPolicy killPolicy(double gracePeriodSeconds) {
    return KillPolicy.newBuilder().setGracePeriod(DurationInfo.newBuilder()
        .setNanoseconds(Math.round(gracePeriodSeconds * 1_000_000_000L))).build();
  }

  static Labels labels(Map<String, String> labels) {
    Labels.Builder mesos = Labels.newBuilder();
    new TreeMap<>(labels).forEach((k, v) -> mesos.addLabels(Label.newBuilder().setKey(k).setValue(v)));
    return mesos.build();
  }

  /** "/group/app" → "group.app". */
  static String taskName(String appId) {
    String id = appId.startsWith("/") ? appId.substring(1) : appId;
    return id.replace('/', '.');
  }

  /** cmd runs in a shell; args are exec'd (value = args[0]); neither: the image's entrypoint runs. */
  private static CommandInfo command(App app, Map<String, String> environment) {
    CommandInfo.Builder command = CommandInfo.newBuilder();
    if (app.hasCmd()) {
      command.setShell(true).setValue(app.getCmd());
    } else {
      command.setShell(false);
      if (app.getArgsCount() > 0) command.setValue(app.getArgs(0)).addAllArguments(app.getArgsList());
    }
    if (app.hasUser()) command.setUser(app.getUser());
    app.getFetchList().forEach(a -> command.addUris(uri(a)));
    // definition-service moves uris into fetch; an app stored before it did still has its own.
    app.getUrisList().forEach(u -> command.addUris(CommandInfo.URI.newBuilder().setValue(u)));
    return command.setEnvironment(environment(environment)).build();
  }

  static CommandInfo.URI uri(Artifact a) {
    CommandInfo.URI.Builder uri = CommandInfo.URI.newBuilder().setValue(a.getUri());
    if (a.hasExtract()) uri.setExtract(a.getExtract());
    if (a.hasExecutable()) uri.setExecutable(a.getExecutable());
    if (a.hasCache()) uri.setCache(a.getCache());
    if (a.hasDestPath()) uri.setOutputFile(a.getDestPath());
    return uri.build();
  }

  static Environment environment(Map<String, String> variables) {
    Environment.Builder env = Environment.newBuilder();
    variables.forEach((k, v) -> env.addVariables(Environment.Variable.newBuilder()
        .setName(k).setType(Environment.Variable.Type.VALUE).setValue(v)));
    return env.build();
  }

  /** A Mesos container (Mooring runs images with the Mesos containerizer) when the app has an image or host volumes. */
  private static Optional<ContainerInfo> container(App app) {
    if (!app.hasContainer()) return Optional.empty();
    ContainerInfo.Builder container = ContainerInfo.newBuilder().setType(ContainerInfo.Type.MESOS);
    boolean needed = false;
    if (app.getContainer().getDocker().hasImage()) {
      container.setMesos(ContainerInfo.MesosInfo.newBuilder().setImage(Image.newBuilder().setType(Image.Type.DOCKER)
          .setDocker(Image.Docker.newBuilder().setName(app.getContainer().getDocker().getImage()))));
      needed = true;
    }
    for (Volume v : app.getContainer().getVolumesList()) {
      if (v.hasPersistent() || !v.hasHostPath()) continue;
      container.addVolumes(org.apache.mesos.v1.Protos.Volume.newBuilder().setContainerPath(v.getContainerPath())
          .setHostPath(v.getHostPath()).setMode("RO".equals(v.getMode())
              ? org.apache.mesos.v1.Protos.Volume.Mode.RO : org.apache.mesos.v1.Protos.Volume.Mode.RW));
      needed = true;
    }
    return needed ? Optional.of(container.build()) : Optional.empty();
  }
}
