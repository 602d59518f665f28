package io.mooring.offer.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.offer.mesos.RecordingListener.OperationUpdate;
import io.mooring.offer.mesos.RecordingListener.Offers;
import io.mooring.offer.mesos.RecordingListener.Subscribed;
import io.mooring.offer.mesos.RecordingListener.Update;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationID;
import org.apache.mesos.v1.Protos.OperationState;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every call of the client against a real simulated master, from offers to running, reconciled and killed tasks. */
@Timeout(30)
class MesosSchedulerCallsTest {
  private static final Duration QUIET = Duration.ofSeconds(1); // ten allocation cycles

  @TempDir Path home;
  private SimCluster cluster;
  private MesosScheduler scheduler;
  private final RecordingListener listener = new RecordingListener();
  /** What acknowledge() answered when called from inside the update callback. */
  private final List<Boolean> acknowledged = new CopyOnWriteArrayList<>();

  @BeforeEach
  void subscribe() throws Exception {
    cluster = new SimCluster(home, 1);
    scheduler = new MesosScheduler(cluster.settings(), Optional::empty, listener);
    listener.onUpdate = status -> acknowledged.add(scheduler.acknowledge(status));
    scheduler.start();
    listener.await(Subscribed.class);
  }

  @AfterEach
  void close() {
    scheduler.close();
    cluster.close();
  }

  @Test
  void callsNeedASubscription() {
    try (MesosScheduler idle = new MesosScheduler(cluster.settings(), Optional::empty, listener)) {
      assertFalse(idle.connected());
      assertFalse(idle.revive());
      assertTrue(idle.acknowledge(TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t"))
          .setState(TaskState.TASK_RUNNING).build()), "a status without uuid needs no acknowledgement");
    }
  }

  @Test
  void declinedOffersStayAwayUntilRevive() throws Exception {
    Offer offer = nextOffer();
    assertTrue(scheduler.decline(List.of(offer.getId()), 3600));
    listener.expectNone(Offers.class, QUIET);

    assertTrue(scheduler.revive());
    listener.await(Offers.class);
  }

  @Test
  void suppressStopsOffersUntilRevive() throws Exception {
    Offer offer = nextOffer();
    assertTrue(scheduler.suppress());
    assertTrue(scheduler.decline(List.of(offer.getId()), 0)); // no filter: only the suppression holds them back
    listener.expectNone(Offers.class, QUIET);

    assertTrue(scheduler.revive());
    listener.await(Offers.class);
  }

  @Test
  void launchedTaskRunsWithAcknowledgementsSentFromTheListener() throws Exception {
    TaskStatus running = launch("web-1");

    assertTrue(running.hasUuid());
    assertFalse(acknowledged.isEmpty());
    assertFalse(acknowledged.contains(false), "acknowledgements from inside the callback: " + acknowledged);
  }

  @Test
  void killEndsTheTask() throws Exception {
    TaskStatus running = launch("web-1");

    assertTrue(scheduler.kill(running.getTaskId(), running.getAgentId(), 0));
    listener.await(Update.class, u -> u.status().getState() == TaskState.TASK_KILLED);
    assertFalse(acknowledged.contains(false));
  }

  @Test
  void explicitReconciliationAnswersForEveryTask() throws Exception {
    TaskStatus running = launch("web-1");

    assertTrue(scheduler.reconcile(List.of(
        Call.Reconcile.Task.newBuilder().setTaskId(running.getTaskId()).setAgentId(running.getAgentId()).build(),
        Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue("nobody-knows")).build())));

    TaskStatus known = listener.await(Update.class, u -> u.status().getReason() == TaskStatus.Reason.REASON_RECONCILIATION
        && u.status().getTaskId().getValue().equals("web-1")).status();
    assertEquals(TaskState.TASK_RUNNING, known.getState());
    assertFalse(known.hasUuid(), "reconciliation answers are not acknowledged");
    TaskStatus unknown = listener.await(Update.class,
        u -> u.status().getTaskId().getValue().equals("nobody-knows")).status();
    assertEquals(TaskState.TASK_UNKNOWN, unknown.getState()); // PARTITION_AWARE: not TASK_LOST
  }

  @Test
  void implicitReconciliationAnswersForKnownTasks() throws Exception {
    launch("web-1");

    assertTrue(scheduler.reconcile(List.of()));
    TaskStatus known = listener.await(Update.class,
        u -> u.status().getReason() == TaskStatus.Reason.REASON_RECONCILIATION).status();
    assertEquals("web-1", known.getTaskId().getValue());
  }

  @Test
  void operationFeedbackIsAcknowledged() throws Exception {
    Offer offer = nextOffer();
    Resource reserved = unreserved(offer, "cpus", 0.5).toBuilder().addReservations(Resource.ReservationInfo.newBuilder()
        .setType(Resource.ReservationInfo.Type.DYNAMIC).setRole(SimCluster.ROLE).setPrincipal(SimCluster.PRINCIPAL))
        .build();
    Offer.Operation reserve = Offer.Operation.newBuilder().setType(Offer.Operation.Type.RESERVE)
        .setId(OperationID.newBuilder().setValue("reserve-1"))
        .setReserve(Offer.Operation.Reserve.newBuilder().addResources(reserved)).build();

    assertTrue(scheduler.accept(List.of(offer.getId()), List.of(reserve), 0));
    OperationUpdate update = listener.await(OperationUpdate.class);
    assertEquals(OperationState.OPERATION_FINISHED, update.status().getState());
    assertTrue(scheduler.acknowledgeOperation(update.status()));
  }

  /** Launches a small task on unreserved resources and waits until it runs. */
  private TaskStatus launch(String taskId) throws Exception {
    Offer offer = nextOffer();
    TaskInfo task = TaskInfo.newBuilder().setName(taskId).setTaskId(TaskID.newBuilder().setValue(taskId))
        .setAgentId(offer.getAgentId()).setCommand(CommandInfo.newBuilder().setShell(true).setValue("sleep 3600"))
        .addResources(unreserved(offer, "cpus", 0.1)).addResources(unreserved(offer, "mem", 32)).build();
    Offer.Operation launch = Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
        .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task)).build();

    assertTrue(scheduler.accept(List.of(offer.getId()), List.of(launch), 0));
    TaskStatus running = listener.await(Update.class, u -> u.status().getState() == TaskState.TASK_RUNNING).status();
    assertEquals(offer.getAgentId(), running.getAgentId());
    return running;
  }

  private Offer nextOffer() throws InterruptedException {
    return listener.await(Offers.class).offers().get(0);
  }

  /** Part of an offered unreserved scalar, keeping its allocation info. */
  private static Resource unreserved(Offer offer, String name, double amount) {
    Resource offered = offer.getResourcesList().stream()
        .filter(r -> r.getName().equals(name) && r.getReservationsCount() == 0 && !r.hasDisk())
        .findFirst().orElseThrow(() -> new AssertionError("no unreserved " + name + " in " + offer));
    return offered.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(amount)).build();
  }
}
