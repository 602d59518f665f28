package io.mooring.gateway.api;

import io.mooring.gateway.client.OfferClient;
import io.mooring.gateway.client.ReservationClient;
import io.mooring.model.ReservationLabels;
import io.mooring.model.TaskIds;
import io.mooring.proto.v1.AgentLocation;
import io.mooring.proto.v1.ErrorCode;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.ReservedResource;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.runtime.grpc.DomainException;
import io.mooring.runtime.grpc.Errors;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Finds a task's sandbox the same way against the simulator and a real Mesos: the task's instance (reservation-service)
 * names the agent; offer-service knows where the agent listens and the framework id; the executor id follows from
 * the task id, as offer-service builds the launch (an app's command task: the task id; a pod's: its launch's default
 * executor, {@link TaskIds#executorIdOf}).
 */
@Singleton
class TaskSandboxes {
  private final ReservationClient reservations;
  private final OfferClient offers;

  TaskSandboxes(ReservationClient reservations, OfferClient offers) {
    this.reservations = reservations;
    this.offers = offers;
  }

  /**
   * 404 (Marathon's words) for a task that is not its instance's current one; 409 for a task not yet on an agent;
   * 404 when Mesos no longer knows its agent; 503 when offer-service or the master cannot be asked.
   */
  TaskSandbox find(String taskId) {
    String instanceId = TaskIds.instanceIdOf(taskId).orElseThrow(() -> Kills.unknownTask(taskId));
    String executorId = TaskIds.executorIdOf(taskId).orElseThrow(() -> Kills.unknownTask(taskId));
    Instance instance = instance(instanceId).orElseThrow(() -> Kills.unknownTask(taskId));
    if (instance.getTasksList().stream().noneMatch(task -> task.getTaskId().equals(taskId))) {
      throw Kills.unknownTask(taskId);
    }
    String agentId = instance.getReservation().getAgentId();
    if (agentId.isEmpty()) throw Errors.conflict("Task '" + taskId + "' has no agent yet");
    AgentLocation agent = locate(taskId, agentId);
    String frameworkId = reservedBy(instance).orElse(agent.getFrameworkId());
    if (frameworkId.isEmpty()) {
      throw Errors.conflict("Task '" + taskId + "' has no sandbox yet: Mooring has not registered with Mesos");
    }
    boolean pod = instance.getKind() == RunSpecKind.POD;
    return new TaskSandbox(taskId, agentId, agent.getUrl(),
        TaskSandbox.path(frameworkId, executorId, pod ? taskId : null));
  }

  private Optional<Instance> instance(String instanceId) {
    try {
      return Optional.of(reservations.instance(instanceId));
    } catch (DomainException e) {
      if (e.info().getCode() == ErrorCode.NOT_FOUND) return Optional.empty();
      throw e;
    }
  }

  private AgentLocation locate(String taskId, String agentId) {
    try {
      return offers.locateAgent(agentId);
    } catch (DomainException e) {
      if (e.info().getCode() == ErrorCode.UNAVAILABLE) throw e;
      if (e.info().getCode() != ErrorCode.NOT_FOUND) {  // e.g. an offer-service older than LocateAgent
        throw Errors.unavailable("offer-service cannot say where agent '" + agentId + "' is: " + e.info().getMessage());
      }
      throw Errors.notFound("The sandbox of task '" + taskId + "' cannot be reached: its agent '" + agentId
          + "' is not registered with the Mesos master (gone, unreachable, or back under a new id)");
    }
  }

  /** The framework that reserved the instance's resources: the one its tasks were launched by. */
  private static Optional<String> reservedBy(Instance instance) {
    return instance.getReservation().getResourcesList().stream()
        .map(ReservedResource::getLabelsMap).map(labels -> labels.get(ReservationLabels.FRAMEWORK))
        .filter(id -> id != null && !id.isEmpty()).findFirst();
  }
}
