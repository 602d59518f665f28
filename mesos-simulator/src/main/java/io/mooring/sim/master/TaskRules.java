package io.mooring.sim.master;

import io.mooring.sim.agent.HealthChecks;
import io.mooring.sim.resources.Ids;
import io.mooring.sim.resources.ResourceFormat;
import io.mooring.sim.resources.ResourceRules;
import io.mooring.sim.resources.Resources;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;

/** The master's task validation (validation.cpp task::validate and task::group::validate), as pure functions. */
final class TaskRules {
  private TaskRules() {}

  /**
   * A task of a LAUNCH. {@code knownTaskIds} answers whether the framework already has an active or unreachable
   * task with this id; {@code existingExecutor} is the ExecutorInfo already running under the task's executor id;
   * a task of a group ({@code inGroup}) carries the group's executor, which {@link #group} checks.
   */
  static Optional<String> task(TaskInfo task, String frameworkId, String agentId,
      java.util.function.Predicate<String> knownTaskIds, ExecutorInfo existingExecutor, boolean inGroup) {
    Optional<String> id = Ids.validate(task.getTaskId().getValue());
    if (id.isPresent()) return Optional.of("Task ID '" + task.getTaskId().getValue() + "' is invalid: " + id.get());
    if (knownTaskIds.test(task.getTaskId().getValue())) return Optional.of("Task has duplicate ID: "
        + task.getTaskId().getValue());
    if (!task.getAgentId().getValue().equals(agentId)) {
      return Optional.of("Task uses agent " + task.getAgentId().getValue() + " but the offer is for agent " + agentId);
    }
    if (task.hasKillPolicy() && task.getKillPolicy().hasGracePeriod()
        && task.getKillPolicy().getGracePeriod().getNanoseconds() < 0) {
      return Optional.of("Task's `kill_policy.grace_period` must be non-negative");
    }
    if (task.hasMaxCompletionTime() && task.getMaxCompletionTime().getNanoseconds() < 0) {
      return Optional.of("Task's `max_completion_time` must be non-negative");
    }
    if (task.hasHealthCheck()) {
      Optional<String> check = HealthChecks.validate(task.getHealthCheck());
      if (check.isPresent()) return Optional.of("Task uses invalid health check: " + check.get());
    }
    if (task.getResourcesCount() == 0) return Optional.of("Task uses no resources");
    Optional<String> resources = resources(task.getResourcesList());
    if (resources.isPresent()) return resources;
    if (inGroup) return Optional.empty(); // the group's executor is checked by group()
    if (task.hasCommand() == task.hasExecutor()) {
      return Optional.of("Task should have at least one (but not both) of CommandInfo or ExecutorInfo present");
    }
    if (task.hasExecutor()) {
      ExecutorInfo executor = task.getExecutor();
      if (executor.hasType() && executor.getType() != ExecutorInfo.Type.CUSTOM) {
        return Optional.of("'ExecutorInfo.type' must be 'CUSTOM'");
      }
      if (!executor.hasCommand()) return Optional.of("'ExecutorInfo.command' must be set for 'CUSTOM' executor");
      Optional<String> executorId = Ids.validate(executor.getExecutorId().getValue());
      if (executorId.isPresent()) return Optional.of("Executor ID is invalid: " + executorId.get());
      if (executor.hasFrameworkId() && !executor.getFrameworkId().getValue().equals(frameworkId)) {
        return Optional.of("ExecutorInfo has an invalid FrameworkID (Actual: " + executor.getFrameworkId().getValue()
            + " vs Expected: " + frameworkId + ")");
      }
      if (existingExecutor != null && !existingExecutor.equals(executor)) {
        return Optional.of("ExecutorInfo is not compatible with existing ExecutorInfo");
      }
    }
    return Optional.empty();
  }

  /**
   * The group-level rules of LAUNCH_GROUP; each task is also checked with {@link #task}. The executor's minimum
   * resources are required whether or not the executor already runs (validation.cpp group validateExecutor).
   */
  static Optional<String> group(ExecutorInfo executor, List<TaskInfo> tasks) {
    if (tasks.isEmpty()) return Optional.of("Task group is empty");
    if (!executor.hasType()) return Optional.of("'ExecutorInfo.type' must be set");
    if (executor.getType() == ExecutorInfo.Type.UNKNOWN) return Optional.of("Unknown executor type");
    if (executor.getType() == ExecutorInfo.Type.DEFAULT && executor.hasCommand()) {
      return Optional.of("'ExecutorInfo.command' must not be set for 'DEFAULT' executor");
    }
    if (executor.getType() == ExecutorInfo.Type.CUSTOM && !executor.hasCommand()) {
      return Optional.of("'ExecutorInfo.command' must be set for 'CUSTOM' executor");
    }
    Resources own = Resources.of(executor.getResourcesList());
    if (own.scalarMillis("cpus") < 10 || own.scalarMillis("mem") < 32_000 || own.scalarMillis("disk") <= 0) {
      return Optional.of("Executor must declare at least 0.01 cpus, 32 MB mem and some disk");
    }
    Optional<String> executorId = Ids.validate(executor.getExecutorId().getValue());
    if (executorId.isPresent()) return Optional.of("Executor ID is invalid: " + executorId.get());
    Set<String> taskIds = new HashSet<>();
    for (TaskInfo task : tasks) {
      if (!taskIds.add(task.getTaskId().getValue())) {
        return Optional.of("Task group has duplicate task ID: " + task.getTaskId().getValue());
      }
    }
    Set<String> persistenceIds = new HashSet<>();
    for (TaskInfo task : tasks) {
      if (task.hasContainer() && task.getContainer().getNetworkInfosCount() > 0 && task.hasHealthCheck()
          && (task.getHealthCheck().getType() == HealthCheck.Type.HTTP
              || task.getHealthCheck().getType() == HealthCheck.Type.TCP)) {
        return Optional.of("HTTP and TCP health checks are not supported for nested containers not joining parent's"
            + " network");
      }
      if (task.hasContainer() && task.getContainer().getType() == org.apache.mesos.v1.Protos.ContainerInfo.Type.DOCKER) {
        return Optional.of("Docker ContainerInfo is not supported on the task");
      }
      for (Resource r : task.getResourcesList()) {
        if (ResourceRules.isPersistentVolume(r) && !persistenceIds.add(r.getDisk().getPersistence().getId())) {
          return Optional.of("Task group has duplicate persistence ID: " + r.getDisk().getPersistence().getId());
        }
      }
    }
    return Optional.empty();
  }

  /** Non-empty, valid, unique persistence ids, one allocation role, not mixing revocable and not. */
  static Optional<String> resources(List<Resource> resources) {
    Set<String> roles = new HashSet<>();
    Set<String> persistenceIds = new HashSet<>();
    boolean revocable = false;
    boolean nonRevocable = false;
    for (Resource r : resources) {
      try {
        ResourceFormat.upgrade(r);
      } catch (RuntimeException e) {
        return Optional.of("Invalid resources: " + e.getMessage());
      }
      if (r.hasAllocationInfo()) roles.add(r.getAllocationInfo().getRole());
      if (ResourceRules.isPersistentVolume(r) && !persistenceIds.add(r.getDisk().getPersistence().getId())) {
        return Optional.of("Task uses duplicate persistence ID: " + r.getDisk().getPersistence().getId());
      }
      revocable |= r.hasRevocable();
      nonRevocable |= !r.hasRevocable();
    }
    if (roles.size() > 1) return Optional.of("The resources have multiple allocation roles " + roles
        + " but only one allocation role is allowed");
    if (revocable && nonRevocable) return Optional.of("Task mixes revocable and non-revocable resources");
    return Optional.empty();
  }
}
