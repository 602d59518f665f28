package io.mooring.offer.scheduler;

import io.mooring.model.InstanceStates;
import io.mooring.model.TaskStates;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.Task;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.OperationID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * What to ask Mesos about instances: the tasks that may be alive and the operations their reservations wait for,
 * in calls of bounded size. A claim (RESERVING) is asked about too: its ACCEPT's outcome is unknown until Mesos says.
 */
final class ReconcileRequests {
  static final int MAX_PER_CALL = 1_000;
  private ReconcileRequests() {}

  /** One RECONCILE and one RECONCILE_OPERATIONS call's worth each. */
  record Batch(List<Call.Reconcile.Task> tasks, List<Call.ReconcileOperations.Operation> operations) {}

  static List<Batch> of(Collection<Instance> instances) {
    List<Call.Reconcile.Task> tasks = new ArrayList<>();
    List<Call.ReconcileOperations.Operation> operations = new ArrayList<>();
    for (Instance instance : instances) {
      String agentId = instance.getReservation().getAgentId();
      if (!InstanceStates.mayRun(instance) || agentId.isEmpty()) {
        continue;
      }
      AgentID agent = AgentID.newBuilder().setValue(agentId).build();
      for (Task task : instance.getTasksList()) {
        if (TaskStates.isTerminal(task.getMesosState())) {
          continue;  // the master forgets ended tasks: its answer would only say it does not know them
        }
        tasks.add(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue(task.getTaskId()))
            .setAgentId(agent).build());
      }
      for (String operation : instance.getReservation().getOperationIdsList()) {
        operations.add(Call.ReconcileOperations.Operation.newBuilder()
            .setOperationId(OperationID.newBuilder().setValue(operation)).setAgentId(agent).build());
      }
    }
    List<Batch> batches = new ArrayList<>();
    for (int i = 0; i < Math.max(tasks.size(), operations.size()); i += MAX_PER_CALL) {
      batches.add(new Batch(slice(tasks, i), slice(operations, i)));
    }
    return batches;
  }

  private static <T> List<T> slice(List<T> all, int from) {
    return from >= all.size() ? List.of() : List.copyOf(all.subList(from, Math.min(all.size(), from + MAX_PER_CALL)));
  }
}
