package io.mooring.reservation;

import static io.mooring.reservation.ServiceTests.app;
import static io.mooring.reservation.ServiceTests.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.ClaimAllRequest;
import io.mooring.proto.v1.ClaimRequest;
import io.mooring.proto.v1.ClaimResult;
import io.mooring.proto.v1.CreateRequest;
import io.mooring.proto.v1.DefinitionServiceGrpc;
import io.mooring.proto.v1.Cleaned;
import io.mooring.proto.v1.ExpungeRequest;
import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.GarbageList;
import io.mooring.proto.v1.OwnerQuery;
import io.mooring.proto.v1.ResourceOwner;
import io.mooring.proto.v1.GetRequest;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceChange;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.KillInstancesRequest;
import io.mooring.proto.v1.KillInstancesResponse;
import io.mooring.proto.v1.KillQueueUpdate;
import io.mooring.proto.v1.ListDeploymentsRequest;
import io.mooring.proto.v1.ListGarbageRequest;
import io.mooring.proto.v1.ListInstancesRequest;
import io.mooring.proto.v1.QueueRequest;
import io.mooring.proto.v1.ReportAck;
import io.mooring.proto.v1.ResetDelayRequest;
import io.mooring.proto.v1.Reservation;
import io.mooring.proto.v1.ReservationServiceGrpc;
import io.mooring.proto.v1.ReservedResource;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.RunSpecRef;
import io.mooring.proto.v1.Task;
import io.mooring.proto.v1.TaskStatusReport;
import io.mooring.proto.v1.StatusReport;
import io.mooring.proto.v1.StatusReports;
import io.mooring.proto.v1.UnknownTaskStatus;
import io.mooring.proto.v1.UpdateRequest;
import io.mooring.proto.v1.WatchInstancesRequest;
import io.mooring.testkit.EtcdExtension;
import io.mooring.testkit.Ports;
import java.util.Iterator;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** reservation-service over real gRPC, following a real definition-service, on a real etcd. */
class ReservationServiceTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  private static final String APP = """
      {"id": "/db", "cmd": "sleep 3600", "instances": %d,
       "container": {"type": "MESOS", "volumes": [{"containerPath": "data", "mode": "RW", "persistent": {"size": 10}}]}}""";

  private final String namespace = EtcdExtension.newNamespace();
  private final int definitionPort = Ports.free();
  private final int reservationPort = Ports.free();
  private ApplicationContext definitionService;
  private ApplicationContext reservationService;
  private ManagedChannel definitionChannel;
  private ManagedChannel reservationChannel;
  private DefinitionServiceGrpc.DefinitionServiceBlockingStub definitions;
  private ReservationServiceGrpc.ReservationServiceBlockingStub reservations;

  @BeforeEach
  void start() {
    definitionService = ApplicationContext.run(GrpcEmbeddedServer.class, Map.of("grpc.server.port", definitionPort,
        "mooring.etcd.endpoints", ETCD.endpoint(), "mooring.etcd.namespace", namespace), "definition-service")
        .getApplicationContext();
    reservationService = startReservationService();
    definitionChannel = ManagedChannelBuilder.forAddress("127.0.0.1", definitionPort).usePlaintext().build();
    reservationChannel = ManagedChannelBuilder.forAddress("127.0.0.1", reservationPort).usePlaintext().build();
    definitions = DefinitionServiceGrpc.newBlockingStub(definitionChannel);
    reservations = ReservationServiceGrpc.newBlockingStub(reservationChannel);
  }

  private ApplicationContext startReservationService() {
    return startReservationService(reservationPort);
  }

  private ApplicationContext startReservationService(int port) {
    return ApplicationContext.run(GrpcEmbeddedServer.class, Map.of("grpc.server.port", port,
        "mooring.etcd.endpoints", ETCD.endpoint(), "mooring.etcd.namespace", namespace,
        "grpc.channels.definition.address", "127.0.0.1:" + definitionPort,
        "mooring.task-reservation-timeout", "1s"), "reservation-service").getApplicationContext();
  }

  @AfterEach
  void stop() {
    definitionChannel.shutdownNow();
    reservationChannel.shutdownNow();
    reservationService.close();
    definitionService.close();
  }

  @Test
  void instancesFollowTheDesiredStateAndSurviveARestart() throws Exception {
    create(3);
    List<Instance> created = await("3 scheduled instances", () -> instances(), l -> l.size() == 3);
    for (Instance instance : created) {
      assertEquals(Goal.RUNNING, instance.getGoal());
      assertEquals(InstanceState.SCHEDULED, instance.getState());
      assertTrue(instance.getInstanceId().startsWith("db.instance-"), instance.getInstanceId());
      assertTrue(instance.getVolumes(0).getPersistenceId().matches("db#data#[0-9a-f-]{36}"));
    }
    Iterator<io.mooring.proto.v1.LaunchQueueUpdate> queue = reservations.streamLaunchQueue(
        QueueRequest.getDefaultInstance());
    assertEquals(3, queue.next().getRequestsCount());

    scale(1);
    List<Instance> scaled = await("2 stopped instances", this::instances,
        l -> l.stream().filter(i -> i.getGoal() == Goal.STOPPED).count() == 2);
    reservationService.close();
    reservationService = startReservationService();
    assertEquals(sorted(scaled), sorted(await("the instances after a restart", this::instances, l -> l.size() == 3)));
  }

  @Test
  void aSecondReplicaWaitsForTheWriterLockAndTakesOverWhenTheFirstGoes() {
    create(1);
    await("an instance", this::instances, l -> l.size() == 1);
    int standbyPort = Ports.free();
    ApplicationContext standby = startReservationService(standbyPort);
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", standbyPort).usePlaintext().build();
    try {
      ReservationServiceGrpc.ReservationServiceBlockingStub second = ReservationServiceGrpc.newBlockingStub(channel);
      StatusRuntimeException waiting = assertThrows(StatusRuntimeException.class,
          () -> second.listInstances(ListInstancesRequest.getDefaultInstance()));
      assertEquals(Status.Code.UNAVAILABLE, waiting.getStatus().getCode(), waiting.getStatus().toString());

      reservationService.close();
      List<Instance> takenOver = await("the standby serving", () -> {
        try {
          return second.listInstances(ListInstancesRequest.getDefaultInstance()).getInstancesList();
        } catch (StatusRuntimeException e) {
          return List.<Instance>of();
        }
      }, l -> l.size() == 1);
      assertEquals(1, takenOver.size(), "the same instance, none created twice");
    } finally {
      channel.shutdownNow();
      standby.close();
      reservationService = startReservationService();
    }
  }

  @Test
  void aClaimIsFencedAndStatusesAreAppliedOnce() {
    create(1);
    Instance instance = await("an instance", this::instances, l -> l.size() == 1).get(0);
    Instance claimed = reservations.claim(claim(instance, 7));
    assertEquals(InstanceState.RESERVING, claimed.getState());
    assertEquals("agent-1", claimed.getReservation().getAgentId());

    StatusRuntimeException stale = assertThrows(StatusRuntimeException.class,
        () -> reservations.claim(claim(instance, 6)));
    assertEquals(Status.Code.ALREADY_EXISTS, stale.getStatus().getCode(), stale.getStatus().toString());

    TaskStatusReport running = status(taskId(instance, 1), "TASK_RUNNING");
    assertEquals(ReportAck.newBuilder().setApplied(true).build(), reservations.reportTaskStatus(running));
    assertEquals(ReportAck.getDefaultInstance(), reservations.reportTaskStatus(running), "applied once");
    assertEquals(InstanceState.RUNNING_STATE, get(instance).getState());
    assertTrue(get(instance).getReservation().getConfirmed());
    assertTrue(reservations.reportTaskStatus(status("db.instance-unknown._app.1", "TASK_RUNNING")).getKillTask(),
        "a running task of no instance is killed");
    await("the deployment finished", () -> definitions.listDeployments(ListDeploymentsRequest.getDefaultInstance())
        .getDeploymentsList(), List::isEmpty);
  }

  @Test
  void aWatchOfInstancesSeesEachChangeWithTheRecordBeforeItAndResumesWithoutAGap() {
    Iterator<InstanceChange> changes = ReservationServiceGrpc.newBlockingStub(reservationChannel)
        .withDeadlineAfter(20, TimeUnit.SECONDS).watchInstances(WatchInstancesRequest.getDefaultInstance());
    InstanceChange start = changes.next();
    assertFalse(start.hasBefore() || start.hasAfter(), "the first message only says where the watch starts");
    create(1);
    InstanceChange created = changes.next();
    assertFalse(created.hasBefore());
    assertEquals(InstanceState.SCHEDULED, created.getAfter().getState());
    Instance instance = created.getAfter();
    reservations.claim(claim(instance, 7));
    InstanceChange claimed = changes.next();
    assertEquals(List.of(InstanceState.SCHEDULED, InstanceState.RESERVING),
        List.of(claimed.getBefore().getState(), claimed.getAfter().getState()));
    reservations.reportTaskStatus(status(taskId(instance, 1), "TASK_RUNNING"));

    Iterator<InstanceChange> resumed = ReservationServiceGrpc.newBlockingStub(reservationChannel)
        .withDeadlineAfter(20, TimeUnit.SECONDS).watchInstances(WatchInstancesRequest.newBuilder()
            .setFromRevision(created.getRevision()).build());
    assertEquals(claimed, resumed.next(), "resumed right after the last change processed");
    InstanceChange running = resumed.next();
    assertEquals(List.of(InstanceState.RESERVING, InstanceState.RUNNING_STATE),
        List.of(running.getBefore().getState(), running.getAfter().getState()));
    assertEquals(running, changes.next());
  }

  /**
   * Terminal statuses of tasks whose id names an instance nobody knows reach the watch (Marathon's
   * unknown_instance_terminated_event), those of one call as one change of one key, at most 100 a second (the
   * default bound); an active task of no instance, an id of another form, and a known instance's task do not.
   */
  @Test
  void terminalStatusesOfTasksOfNoInstanceReachTheWatchAtMostAHundredASecond() {
    create(1);
    Instance known = await("an instance", this::instances, l -> l.size() == 1).get(0);
    Iterator<InstanceChange> changes = ReservationServiceGrpc.newBlockingStub(reservationChannel)
        .withDeadlineAfter(20, TimeUnit.SECONDS).watchInstances(WatchInstancesRequest.getDefaultInstance());
    changes.next();
    StatusReports.Builder reports = StatusReports.newBuilder()
        .addReports(StatusReport.newBuilder().setTask(status("db.instance-gone._app.2", "TASK_KILLED")))
        .addReports(StatusReport.newBuilder().setTask(status("db.instance-alive._app.1", "TASK_RUNNING")))
        .addReports(StatusReport.newBuilder().setTask(status("not-a-task-of-mooring", "TASK_FAILED")))
        .addReports(StatusReport.newBuilder().setTask(status(taskId(known, 7), "TASK_FAILED")))
        .addReports(StatusReport.newBuilder().setTask(status("g_pod.instance-p1.web.1", "TASK_UNREACHABLE")));
    for (int i = 0; i < 150; i++) {
      reports.addReports(StatusReport.newBuilder().setTask(status("db.instance-storm" + i + "._app.1", "TASK_GONE")));
    }

    List<ReportAck> acks = reservations.reportStatuses(reports.build()).getAcksList();

    assertEquals(List.of(ReportAck.getDefaultInstance(), ReportAck.newBuilder().setKillTask(true).build()),
        acks.subList(0, 2), "acknowledged, and the active one killed");
    InstanceChange recorded = changes.next();
    while (recorded.getUnknownTerminatedCount() == 0) {
      recorded = changes.next();  // the known instance's own change, if the stale status made one
    }
    assertFalse(recorded.hasBefore() || recorded.hasAfter());
    assertEquals(100, recorded.getUnknownTerminatedCount(), "the first hundred of the call");
    assertEquals(UnknownTaskStatus.newBuilder().setTaskId("db.instance-gone._app.2").setInstanceId("db.instance-gone")
        .setRunSpecId("/db").setState("TASK_KILLED").setAgentId("agent-1").build(), recorded.getUnknownTerminated(0));
    assertEquals(List.of("/g/pod", "TASK_UNREACHABLE", "db.instance-storm0"), List.of(
        recorded.getUnknownTerminated(1).getRunSpecId(), recorded.getUnknownTerminated(1).getState(),
        recorded.getUnknownTerminated(2).getInstanceId()));
    assertEquals(1, instances().size(), "the record is no instance");
  }

  @Test
  void theClaimsOfOneOfferAreGrantedOrRefusedEachOnItsOwn() {
    create(2);
    List<Instance> both = await("2 instances", this::instances, l -> l.size() == 2);
    ClaimRequest stale = claim(both.get(1), 1).toBuilder().setConfigVersion("an old version").build();
    ClaimRequest unknown = claim(both.get(0), 1).toBuilder().setInstanceId("db.instance-nobody").build();
    List<ClaimResult> results = reservations.claimAll(ClaimAllRequest.newBuilder()
        .addClaims(claim(both.get(0), 1)).addClaims(stale).addClaims(unknown).build()).getResultsList();

    assertEquals(List.of(true, false, false), results.stream().map(ClaimResult::getClaimed).toList());
    assertTrue(results.get(1).getRefusal().contains("config version"), results.get(1).getRefusal());
    assertEquals(InstanceState.RESERVING, get(both.get(0)).getState());
    assertEquals(InstanceState.SCHEDULED, get(both.get(1)).getState());
    assertTrue(reservations.claimAll(ClaimAllRequest.newBuilder().addClaims(claim(both.get(0), 1)).build())
        .getResults(0).getClaimed(), "a retried claim is granted again");
  }

  /** The deadline is 1 s here: past it, the claim waits for the master to say it does not know the task. */
  @Test
  void anUnconfirmedClaimExpiresOnlyOnMesossWordAndWhatItMayHaveReservedBecomesGarbage() throws Exception {
    create(1);
    Instance instance = await("an instance", this::instances, l -> l.size() == 1).get(0);
    reservations.claim(claim(instance, 1));
    Thread.sleep(2_000);
    assertEquals(InstanceState.RESERVING, get(instance).getState(), "no expiry on time alone");

    reservations.reportTaskStatus(status(taskId(instance, 1), "TASK_UNKNOWN"));
    Instance expired = get(instance);
    assertEquals(InstanceState.SCHEDULED, expired.getState());
    assertFalse(expired.hasReservation());
    List<Garbage> garbage = reservations.listGarbage(ListGarbageRequest.getDefaultInstance()).getItemsList();
    assertEquals(1, garbage.size());
    assertEquals(Garbage.Reason.CLAIM_EXPIRED, garbage.get(0).getReason());
    assertEquals("agent-1", garbage.get(0).getAgentId());
    assertEquals(claim(instance, 1).getReservation().getResourcesList(), garbage.get(0).getResourcesList());
  }

  /** offer-service's path: statuses stored in one call, in their order, each answered on its own. */
  @Test
  void manyStatusesAreStoredInOneCallInTheirOrder() {
    create(3);
    List<Instance> three = await("3 instances", this::instances, l -> l.size() == 3);
    three.forEach(i -> reservations.claim(claim(i, 1)));
    StatusReports.Builder reports = StatusReports.newBuilder();
    for (Instance instance : three) {
      reports.addReports(StatusReport.newBuilder().setTask(status(taskId(instance, 1), "TASK_STAGING")));
      reports.addReports(StatusReport.newBuilder().setTask(status(taskId(instance, 1), "TASK_RUNNING")));
    }
    reports.addReports(StatusReport.newBuilder().setTask(status(taskId(three.get(0), 7), "TASK_RUNNING")));
    reports.addReports(StatusReport.newBuilder().setTask(status("db.instance-none._app.1", "TASK_RUNNING")));

    List<ReportAck> acks = reservations.reportStatuses(reports.build()).getAcksList();

    assertEquals(8, acks.size());
    three.forEach(i -> assertEquals(InstanceState.RUNNING_STATE, get(i).getState(), "STAGING, then RUNNING"));
    assertEquals(List.of(false, false, false, false, false, false, true, true),
        acks.stream().map(ReportAck::getKillTask).toList(), "a stale incarnation and a task of no instance die");
    StatusReports tooMany = StatusReports.newBuilder().addAllReports(Collections.nCopies(501,
        StatusReport.newBuilder().setTask(status(taskId(three.get(0), 1), "TASK_RUNNING")).build())).build();
    assertEquals(Status.Code.INVALID_ARGUMENT, assertThrows(StatusRuntimeException.class,
        () -> reservations.reportStatuses(tooMany)).getStatus().getCode());
  }

  /**
   * DELETE /v2/queue/{id}/delay: a failed instance backing off for an hour is offered at once, its relaunch claimed
   * at once, and the reset outlives a restart. A run spec with nothing queued is Marathon's 404.
   */
  @Test
  void aDelayResetLetsABackingOffInstanceLaunchAtOnceAndIsStored() {
    definitions.create(CreateRequest.newBuilder().setSpec(app(APP.formatted(1).replace("\"cmd\"",
        "\"backoffSeconds\": 3600, \"maxLaunchDelaySeconds\": 3600, \"cmd\""))).build());
    Instance instance = await("an instance", this::instances, l -> l.size() == 1).get(0);
    reservations.claim(claim(instance, 1));
    reservations.reportTaskStatus(status(taskId(instance, 1), "TASK_RUNNING"));
    reservations.reportTaskStatus(status(taskId(instance, 1), "TASK_FAILED"));
    Instance failed = get(instance);
    assertEquals(InstanceState.SUSPENDED, failed.getState());
    assertTrue(failed.getBackoffUntilMillis() > System.currentTimeMillis() + 3_000_000, failed.toString());
    StatusRuntimeException backingOff = assertThrows(StatusRuntimeException.class,
        () -> reservations.claim(relaunch(instance, 2)));
    assertTrue(backingOff.getStatus().getDescription().contains("backs off"), backingOff.getStatus().toString());
    Iterator<io.mooring.proto.v1.LaunchQueueUpdate> queue = ReservationServiceGrpc.newBlockingStub(reservationChannel)
        .withDeadlineAfter(20, TimeUnit.SECONDS).streamLaunchQueue(QueueRequest.getDefaultInstance());
    assertEquals(0, queue.next().getRequestsCount(), "backing off: not offered");

    assertEquals(1, reservations.resetDelay(resetDelay("/db")).getInstances());

    Instance reset = get(instance);
    assertEquals(List.of(0, 0L), List.of(reset.getFailures(), reset.getBackoffUntilMillis()));
    assertEquals(InstanceState.SUSPENDED, reset.getState());
    io.mooring.proto.v1.LaunchQueueUpdate offered = queue.next();
    assertEquals(List.of(instance.getInstanceId()), offered.getRequestsList().stream()
        .map(r -> r.getInstance().getInstanceId()).toList(), "offered at once, not after an hour");
    reservationService.close();
    reservationService = startReservationService();
    Instance restarted = await("the instance after a restart", () -> get(instance), i -> true);
    assertEquals(List.of(0, 0L), List.of(restarted.getFailures(), restarted.getBackoffUntilMillis()), "stored");
    assertEquals(InstanceState.RESERVING, reservations.claim(relaunch(instance, 2)).getState());

    reservations.reportTaskStatus(status(taskId(instance, 2), "TASK_RUNNING"));
    for (String runSpecId : List.of("/db", "/nothing")) {
      StatusRuntimeException notQueued = assertThrows(StatusRuntimeException.class,
          () -> reservations.resetDelay(resetDelay(runSpecId)));
      assertEquals(Status.Code.NOT_FOUND, notQueued.getStatus().getCode());
      assertEquals("Application " + runSpecId + " not found in tasks queue.",
          notQueued.getStatus().getDescription());
    }
  }

  @Test
  void killAndScaleStopsTheNamedTaskAndLowersTheInstanceCount() {
    create(2);
    List<Instance> both = await("2 instances", this::instances, l -> l.size() == 2);
    for (Instance instance : both) {
      reservations.claim(claim(instance, 1));
      reservations.reportTaskStatus(status(taskId(instance, 1), "TASK_RUNNING"));
    }
    Instance victim = both.get(1);
    KillInstancesResponse killed = reservations.killInstances(KillInstancesRequest.newBuilder()
        .setRunSpecId("/db").addTaskOrInstanceIds(taskId(victim, 1)).setScale(true).build());
    assertEquals(List.of(victim.getInstanceId()), killed.getInstancesList().stream()
        .map(Instance::getInstanceId).toList());
    assertFalse(killed.getDeploymentId().isEmpty());
    assertEquals(1, definitions.get(GetRequest.newBuilder().setKind(RunSpecKind.APP).setId("/db").build())
        .getApp().getInstances());
    assertEquals(Goal.STOPPED, get(victim).getGoal());
    assertEquals(Goal.RUNNING, get(both.get(0)).getGoal(), "only the named instance stops");
    KillQueueUpdate kills = reservations.streamKillQueue(QueueRequest.getDefaultInstance()).next();
    assertEquals(List.of(taskId(victim, 1)), kills.getRequestsList().stream().map(k -> k.getTaskId()).toList());

    StatusRuntimeException both2 = assertThrows(StatusRuntimeException.class, () -> reservations.killInstances(
        KillInstancesRequest.newBuilder().setRunSpecId("/db").setScale(true).setWipe(true).build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, both2.getStatus().getCode());
    StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> reservations.killInstances(
        KillInstancesRequest.newBuilder().setRunSpecId("/db").addTaskOrInstanceIds("db.instance-x._app.1").build()));
    assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
  }

  @Test
  void deletingTheAppDecommissionsEveryInstance() {
    create(2);
    await("2 instances", this::instances, l -> l.size() == 2);
    definitions.delete(RunSpecRef.newBuilder().setForce(true).setKind(RunSpecKind.APP).setId("/db").build());
    await("every instance decommissioned", this::instances,
        l -> l.stream().allMatch(i -> i.getGoal() == Goal.DECOMMISSIONED));
  }

  @Test
  void garbageIsListedAPageAtATimeAndOnlyWhatIsNamedIsExpunged() {
    create(3);
    List<Instance> three = await("3 instances", this::instances, l -> l.size() == 3);
    three.forEach(i -> reservations.claim(claim(i, 1)));
    for (Instance running : three.subList(1, 3)) {
      reservations.reportTaskStatus(status(taskId(running, 1), "TASK_RUNNING"));
    }
    Instance expired = three.get(0);
    await("the first claim to expire", () -> {
      reservations.reportTaskStatus(status(taskId(expired, 1), "TASK_UNKNOWN"));
      return get(expired);
    }, i -> i.getState() == InstanceState.SCHEDULED);
    definitions.delete(RunSpecRef.newBuilder().setForce(true).setKind(RunSpecKind.APP).setId("/db").build());
    await("every instance decommissioned", this::instances,
        l -> l.stream().allMatch(i -> i.getGoal() == Goal.DECOMMISSIONED));
    assertEquals(2, garbage("", 10).getItemsCount(),
        "running tasks are no garbage yet: only the expired claim's leftovers and its instance");
    for (Instance running : three.subList(1, 3)) {
      reservations.reportTaskStatus(status(taskId(running, 1), "TASK_KILLED"));
    }

    GarbageList first = await("4 pieces of garbage", () -> garbage("", 10), g -> g.getItemsCount() == 4);
    GarbageList page1 = garbage("", 3);
    GarbageList page2 = garbage(page1.getNextAfter(), 3);
    assertEquals(3, page1.getItemsCount());
    assertEquals("", page2.getNextAfter());
    List<Garbage> paged = new java.util.ArrayList<>(page1.getItemsList());
    paged.addAll(page2.getItemsList());
    assertEquals(first.getItemsList(), paged, "the pages, in key order, are the whole listing");
    Garbage record = first.getItemsList().stream().filter(g -> g.getReason() == Garbage.Reason.CLAIM_EXPIRED)
        .findFirst().orElseThrow();
    assertFalse(record.getId().isEmpty());
    assertEquals(expired.getInstanceId() + "/agent-1/" + record.getId(), record.getKey());
    Garbage neverReserved = first.getItemsList().stream().filter(g -> g.getInstanceId()
        .equals(expired.getInstanceId()) && g.getReason() == Garbage.Reason.DECOMMISSIONED).findFirst().orElseThrow();
    assertEquals("", neverReserved.getAgentId(), "a decommissioned instance without a reservation is garbage too");

    Instance kept = three.get(1);
    String keptClaim = taskId(kept, 1);
    OwnerQuery asked = OwnerQuery.newBuilder()
        .addOwners(ResourceOwner.newBuilder().setInstanceId(kept.getInstanceId()).setClaimId(keptClaim))
        .addOwners(ResourceOwner.newBuilder().setInstanceId(kept.getInstanceId()).setClaimId("an older claim"))
        .addOwners(ResourceOwner.newBuilder().setInstanceId("db.instance-nobody").setClaimId("c")
            .addPersistenceIds(kept.getVolumes(0).getPersistenceId()))
        .addOwners(ResourceOwner.newBuilder().setInstanceId("db.instance-nobody").setClaimId("c")).build();
    assertEquals(List.of(asked.getOwners(1), asked.getOwners(3)),
        reservations.findUnreferenced(asked).getOwnersList(), "another claim, or nobody's, is unreferenced");

    assertTrue(definitions.listDeployments(ListDeploymentsRequest.getDefaultInstance()).getDeploymentsList().stream()
        .anyMatch(d -> d.toString().contains("StopApplication")), "a deletion finishes only once all is cleaned");
    reservations.expunge(ExpungeRequest.newBuilder().addItems(cleaned(record)).setFence(7).build());
    List<Garbage> left = garbage("", 10).getItemsList();
    assertEquals(3, left.size(), "only the named record went");
    assertTrue(left.contains(neverReserved));
    ExpungeRequest rest = ExpungeRequest.newBuilder().addAllItems(left.stream().map(g -> cleaned(g)).toList())
        .setFence(6).build();
    StatusRuntimeException deposed = assertThrows(StatusRuntimeException.class, () -> reservations.expunge(rest));
    assertEquals(Status.Code.ALREADY_EXISTS, deposed.getStatus().getCode(), deposed.getStatus().toString());
    assertEquals(3, garbage("", 10).getItemsCount(), "a deposed collector expunges nothing");
    reservations.expunge(rest.toBuilder().setFence(7).build());
    assertEquals(0, garbage("", 10).getItemsCount());
    assertEquals(List.of(), instances(), "every decommissioned instance is forgotten once cleaned");
    await("the deletion finished", () -> definitions.listDeployments(ListDeploymentsRequest.getDefaultInstance())
        .getDeploymentsList(), l -> l.stream().noneMatch(d -> d.toString().contains("StopApplication")));
  }

  private GarbageList garbage(String after, int limit) {
    return reservations.listGarbage(ListGarbageRequest.newBuilder().setAfter(after).setLimit(limit).build());
  }

  private static Cleaned cleaned(Garbage garbage) {
    return Cleaned.newBuilder().setInstanceId(garbage.getInstanceId()).setAgentId(garbage.getAgentId())
        .setGarbageId(garbage.getId()).build();
  }

  private void create(int instances) {
    definitions.create(CreateRequest.newBuilder().setSpec(app(APP.formatted(instances))).build());
  }

  private void scale(int instances) {
    definitions.update(UpdateRequest.newBuilder().setForce(true)
        .setSpec(RunSpec.newBuilder().setApp(App.newBuilder().setId("/db").setInstances(instances)))
        .setUpdateMask(FieldMask.newBuilder().addPaths("instances")).build());
  }

  private List<Instance> instances() {
    return reservations.listInstances(ListInstancesRequest.getDefaultInstance()).getInstancesList();
  }

  private Instance get(Instance instance) {
    return reservations.getInstance(io.mooring.proto.v1.InstanceRef.newBuilder()
        .setInstanceId(instance.getInstanceId()).build());
  }

  private static String taskId(Instance instance, int incarnation) {
    return instance.getInstanceId() + "._app." + incarnation;
  }

  private static ClaimRequest claim(Instance instance, long fence) {
    Reservation reservation = Reservation.newBuilder().setAgentId("agent-1").setHostname("127.0.0.1")
        .addResources(ReservedResource.newBuilder().setName("cpus").setScalar(1).setRole("mooring")
            .putLabels("mooring_claim_id", taskId(instance, 1)))
        .addResources(ReservedResource.newBuilder().setName("disk").setScalar(10).setRole("mooring")
            .putLabels("mooring_claim_id", taskId(instance, 1))
            .setPersistenceId(instance.getVolumes(0).getPersistenceId()).setContainerPath("data"))
        .addAllVolumes(instance.getVolumesList())
        .addOperationIds(taskId(instance, 1) + ".reserve").addOperationIds(taskId(instance, 1) + ".create")
        .build();
    return ClaimRequest.newBuilder().setInstanceId(instance.getInstanceId()).setFence(fence)
        .setFrameworkId("framework-1").setReservation(reservation).setConfigVersion(instance.getConfigVersion())
        .addTasks(Task.newBuilder().setTaskId(taskId(instance, 1)).setIncarnation(1).setMesosState("TASK_STAGING")
            .setRunSpecVersion(instance.getRunSpecVersion()))
        .build();
  }

  /** The next launch on the instance's confirmed reservation. */
  private static ClaimRequest relaunch(Instance instance, int incarnation) {
    return claim(instance, 1).toBuilder().clearTasks().addTasks(Task.newBuilder()
        .setTaskId(taskId(instance, incarnation)).setIncarnation(incarnation).setMesosState("TASK_STAGING")
        .setRunSpecVersion(instance.getRunSpecVersion())).build();
  }

  private static ResetDelayRequest resetDelay(String runSpecId) {
    return ResetDelayRequest.newBuilder().setRunSpecId(runSpecId).build();
  }

  private static TaskStatusReport status(String taskId, String state) {
    return TaskStatusReport.newBuilder().setTaskId(taskId).setAgentId("agent-1").setState(state).build();
  }

  private static List<String> sorted(List<Instance> instances) {
    return instances.stream().map(Instance::toString).sorted().toList();
  }
}
