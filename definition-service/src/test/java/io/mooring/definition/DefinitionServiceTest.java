package io.mooring.definition;

import static io.mooring.definition.Specs.app;
import static io.mooring.definition.Specs.residentApp;
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
import io.mooring.proto.v1.ChangeOrigin;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.CreateRequest;
import io.mooring.proto.v1.DefinitionEvent;
import io.mooring.proto.v1.DefinitionServiceGrpc;
import io.mooring.proto.v1.DefinitionServiceGrpc.DefinitionServiceBlockingStub;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.DeploymentProgress;
import io.mooring.proto.v1.ErrorCode;
import io.mooring.proto.v1.ErrorInfo;
import io.mooring.proto.v1.GetRequest;
import io.mooring.proto.v1.ListDeploymentsRequest;
import io.mooring.proto.v1.ListRequest;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.RunSpecRef;
import io.mooring.proto.v1.UpdateRequest;
import io.mooring.proto.v1.WatchRequest;
import io.mooring.runtime.grpc.GrpcErrors;
import io.mooring.testkit.EtcdExtension;
import io.mooring.testkit.Ports;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** definition-service over real gRPC against a real etcd. */
class DefinitionServiceTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  private final String namespace = EtcdExtension.newNamespace();
  private ApplicationContext service;
  private ManagedChannel channel;
  private DefinitionServiceBlockingStub stub;

  @BeforeEach
  void start() throws Exception {
    int port = Ports.free();
    service = startService(port);
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    stub = DefinitionServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private ApplicationContext startService(int port) {
    return ApplicationContext.run(GrpcEmbeddedServer.class, Map.of("grpc.server.port", port,
        "mooring.etcd.endpoints", ETCD.endpoint(), "mooring.etcd.namespace", namespace), "definition-service")
        .getApplicationContext();
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    service.close();
  }

  private static RunSpec spec(String json) {
    return RunSpec.newBuilder().setApp(app(json)).build();
  }

  private static ErrorInfo error(Runnable call) {
    return GrpcErrors.fromThrowable(assertThrows(StatusRuntimeException.class, call::run));
  }

  private static RunSpecRef ref(String id) {
    return RunSpecRef.newBuilder().setKind(RunSpecKind.APP).setId(id).setForce(true).build();
  }

  @Test
  void createStoresTheNormalisedSpecWithAVersionAndADeployment() {
    ChangeResult created = stub.create(CreateRequest.newBuilder().setSpec(spec(residentApp(""))).build());
    assertTrue(created.getCreated());
    String version = created.getSpec().getApp().getVersion();
    assertFalse(version.isEmpty());
    assertEquals(List.of("StartApplication", "ScaleApplication"), created.getDeployment().getStepsList().stream()
        .map(s -> s.getActions(0).getAction()).toList());
    RunSpec stored = stub.get(GetRequest.newBuilder().setKind(RunSpecKind.APP).setId("db").build());
    assertEquals(created.getSpec(), stored);
    assertEquals("disabled", stored.getApp().getUnreachableStrategy().getStringValue());
    assertEquals(List.of(created.getDeployment()),
        stub.listDeployments(ListDeploymentsRequest.getDefaultInstance()).getDeploymentsList());
  }

  @Test
  void reportsServingOnTheStandardHealthService() {
    var health = io.grpc.health.v1.HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
        .check(io.grpc.health.v1.HealthCheckRequest.getDefaultInstance());
    assertEquals(io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING, health.getStatus());
  }

  @Test
  void aSecondCreateOfTheSameIdConflicts() {
    stub.create(CreateRequest.newBuilder().setSpec(spec(residentApp(""))).build());
    ErrorInfo error = error(() -> stub.create(CreateRequest.newBuilder().setSpec(spec(residentApp(""))).build()));
    assertEquals(ErrorCode.CONFLICT, error.getCode());
    assertEquals("An app with id [/db] already exists.", error.getMessage());
  }

  @Test
  void anInvalidSpecNamesThePathAndStoresNothing() {
    String json = residentApp("{\"containerPath\":\"/data\",\"mode\":\"RW\",\"persistent\":{\"size\":10}}", "");
    ErrorInfo error = error(() -> stub.create(CreateRequest.newBuilder().setSpec(spec(json)).build()));
    assertEquals(ErrorCode.INVALID, error.getCode());
    assertEquals("Object is not valid", error.getMessage());
    assertEquals("/container/volumes(0)/containerPath", error.getDetails(0).getPath());
    assertEquals(0, stub.list(ListRequest.getDefaultInstance()).getSpecsCount());
    assertEquals(0, stub.listDeployments(ListDeploymentsRequest.getDefaultInstance()).getDeploymentsCount());
  }

  @Test
  void partialUpdatesMakeNewVersionsAndResourceChangesAreRefused() {
    ChangeResult created = stub.create(CreateRequest.newBuilder().setSpec(spec(residentApp(""))).build());
    ChangeResult scaled = stub.update(UpdateRequest.newBuilder().setForce(true).setSpec(spec("{\"id\":\"/db\",\"instances\":3}"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("instances")).build());
    assertEquals(3, scaled.getSpec().getApp().getInstances());
    assertEquals("sleep 3600", scaled.getSpec().getApp().getCmd(), "fields outside the mask are kept");
    assertEquals("ScaleApplication", scaled.getDeployment().getSteps(0).getActions(0).getAction());
    assertEquals(created.getSpec().getApp().getVersionInfo().getLastConfigChangeAt(),
        scaled.getSpec().getApp().getVersionInfo().getLastConfigChangeAt());

    ErrorInfo error = error(() -> stub.update(UpdateRequest.newBuilder().setForce(true).setSpec(spec("{\"id\":\"/db\",\"cpus\":2}"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("cpus")).build()));
    assertEquals(ErrorCode.INVALID, error.getCode());
    assertEquals("/cpus", error.getDetails(0).getPath());

    List<String> versions = stub.listVersions(ref("/db")).getVersionsList();
    assertEquals(List.of(scaled.getSpec().getApp().getVersion(), created.getSpec().getApp().getVersion()), versions);
    RunSpec first = stub.get(GetRequest.newBuilder().setKind(RunSpecKind.APP).setId("/db")
        .setVersion(versions.get(1)).build());
    assertEquals(1, first.getApp().getInstances());
  }

  @Test
  void patchOfAnUnknownAppIsNotFoundAndPutCreates() {
    ErrorInfo error = error(() -> stub.update(UpdateRequest.newBuilder().setForce(true).setSpec(spec("{\"id\":\"/nope\",\"cmd\":\"x\"}"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("cmd")).build()));
    assertEquals(ErrorCode.NOT_FOUND, error.getCode());
    assertEquals("App '/nope' does not exist", error.getMessage());
    ChangeResult created = stub.update(UpdateRequest.newBuilder().setForce(true).setSpec(spec("{\"id\":\"/nope\",\"cmd\":\"x\"}"))
        .setCreateIfAbsent(true).build());
    assertTrue(created.getCreated());
  }

  @Test
  void restartAndDelete() {
    stub.create(CreateRequest.newBuilder().setSpec(spec(residentApp(""))).build());
    ChangeResult restarted = stub.restart(ref("/db"));
    assertEquals("RestartApplication", restarted.getDeployment().getSteps(0).getActions(0).getAction());
    assertEquals(2, stub.listVersions(ref("/db")).getVersionsCount());
    ChangeResult deleted = stub.delete(ref("/db"));
    assertEquals("StopApplication", deleted.getDeployment().getSteps(0).getActions(0).getAction());
    assertEquals(ErrorCode.NOT_FOUND, error(() -> stub.get(GetRequest.newBuilder().setKind(RunSpecKind.APP)
        .setId("/db").build())).getCode());
    assertEquals(ErrorCode.NOT_FOUND, error(() -> stub.delete(ref("/db"))).getCode());
  }

  @Test
  void concurrentChangesAllLandAsDistinctVersions() throws Exception {
    stub.create(CreateRequest.newBuilder().setSpec(spec(residentApp(""))).build());
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    List<java.util.concurrent.Future<ChangeResult>> restarts = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      restarts.add(pool.submit(() -> stub.restart(ref("/db"))));
    }
    java.util.Set<String> versions = new java.util.HashSet<>();
    for (var restart : restarts) {
      versions.add(restart.get().getSpec().getApp().getVersion());
    }
    pool.shutdown();
    assertEquals(4, versions.size(), "every restart is its own version");
    assertEquals(5, stub.listVersions(ref("/db")).getVersionsCount());
  }

  @Test
  void deploymentProgressIsRecordedAndAFinishedDeploymentIsForgotten() {
    ChangeResult created = stub.create(CreateRequest.newBuilder().setSpec(spec(residentApp(""))).build());
    String id = created.getDeployment().getId();
    Deployment second = stub.updateDeploymentProgress(DeploymentProgress.newBuilder().setDeploymentId(id)
        .setCurrentStep(2).setState(Deployment.State.RUNNING).build());
    assertEquals("ScaleApplication", second.getCurrentActions(0).getAction());
    assertEquals(List.of(second), stub.listDeployments(ListDeploymentsRequest.getDefaultInstance())
        .getDeploymentsList());
    Deployment done = stub.updateDeploymentProgress(DeploymentProgress.newBuilder().setDeploymentId(id)
        .setCurrentStep(2).setState(Deployment.State.SUCCEEDED).build());
    assertFalse(done.getFinishedAt().isEmpty());
    assertEquals(0, stub.listDeployments(ListDeploymentsRequest.getDefaultInstance()).getDeploymentsCount());
    ErrorInfo late = error(() -> stub.updateDeploymentProgress(DeploymentProgress.newBuilder().setDeploymentId(id)
        .setCurrentStep(1).setState(Deployment.State.RUNNING).build()));
    assertEquals(ErrorCode.NOT_FOUND, late.getCode(), "a finished deployment cannot be revived");
  }

  @Test
  void anUpdateThatChangesNothingRecordsNoDeployment() {
    stub.create(CreateRequest.newBuilder().setSpec(spec(residentApp(""))).build());
    ChangeResult same = stub.update(UpdateRequest.newBuilder().setForce(true).setSpec(spec("{\"id\":\"/db\",\"instances\":1}"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("instances")).build());
    assertEquals(Deployment.State.SUCCEEDED, same.getDeployment().getState());
    assertEquals(1, stub.listDeployments(ListDeploymentsRequest.getDefaultInstance()).getDeploymentsCount(),
        "only the creation's deployment runs");
  }

  @Test
  void partialUpdatesAreNormalisedAfreshSoDefaultsFollowTheChangedFields() {
    ChangeResult created = stub.create(CreateRequest.newBuilder().setSpec(spec("{\"id\":\"/web\",\"cmd\":\"serve\"}"))
        .build());
    assertEquals(1, created.getSpec().getApp().getPortDefinitionsCount(), "host networking: one default port");
    ChangeResult bridged = stub.update(UpdateRequest.newBuilder().setForce(true)
        .setSpec(spec("{\"id\":\"/web\",\"networks\":[{\"mode\":\"container/bridge\"}]}"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("networks")).build());
    assertEquals(0, bridged.getSpec().getApp().getPortDefinitionsCount(), "the default port went with host networking");
    assertEquals("serve", bridged.getSpec().getApp().getCmd());
  }

  @Test
  void watchSendsASnapshotThenEveryChange() {
    ChangeResult db = stub.create(CreateRequest.newBuilder().setSpec(spec(residentApp(""))).build());
    Iterator<DefinitionEvent> events = watch(0);
    DefinitionEvent snapshot = events.next();
    assertEquals(DefinitionEvent.Type.SNAPSHOT, snapshot.getType());
    assertEquals(db.getDeployment().getId(), snapshot.getDeploymentId());
    DefinitionEvent complete = events.next();
    assertEquals(DefinitionEvent.Type.SNAPSHOT_COMPLETE, complete.getType());
    ChangeResult web = stub.create(CreateRequest.newBuilder().setSpec(spec("{\"id\":\"/web\",\"cmd\":\"serve\"}"))
        .build());
    stub.delete(ref("/db"));
    DefinitionEvent upserted = events.next();
    assertEquals(DefinitionEvent.Type.UPSERTED, upserted.getType());
    assertEquals("/web", upserted.getId());
    assertEquals(web.getDeployment().getId(), upserted.getDeploymentId());
    assertTrue(upserted.getRevision() > complete.getRevision());
    DefinitionEvent deleted = events.next();
    assertEquals(DefinitionEvent.Type.DELETED, deleted.getType());
    assertEquals("/db", deleted.getId());
    assertEquals("sleep 3600", deleted.getSpec().getApp().getCmd());
  }

  @Test
  void aWatchResumedFromTheLastProcessedRevisionHasNoGapAndNoRepeat() {
    stub.create(CreateRequest.newBuilder().setSpec(spec("{\"id\":\"/a\",\"cmd\":\"x\"}")).build());
    Iterator<DefinitionEvent> first = watch(0);
    first.next();
    long resumeAt = first.next().getRevision();
    stub.create(CreateRequest.newBuilder().setSpec(spec("{\"id\":\"/b\",\"cmd\":\"x\"}")).build());
    stub.create(CreateRequest.newBuilder().setSpec(spec("{\"id\":\"/c\",\"cmd\":\"x\"}")).build());
    DefinitionEvent b = first.next();
    assertEquals("/b", b.getId());

    Iterator<DefinitionEvent> resumed = watch(resumeAt);
    assertEquals("/b", resumed.next().getId());
    assertEquals("/c", resumed.next().getId());
    Iterator<DefinitionEvent> afterB = watch(b.getRevision());
    assertEquals("/c", afterB.next().getId(), "the last processed event is not sent again");
  }

  @Test
  void aWatchSurvivesCompactionAndOneFromACompactedRevisionIsToldToTakeASnapshot() throws Exception {
    stub.create(CreateRequest.newBuilder().setSpec(spec("{\"id\":\"/a\",\"cmd\":\"x\"}")).build());
    Iterator<DefinitionEvent> open = watch(0);
    open.next();
    long snapshotRevision = open.next().getRevision();
    stub.create(CreateRequest.newBuilder().setSpec(spec("{\"id\":\"/b\",\"cmd\":\"x\"}")).build());
    assertEquals("UPSERTED /b", describe(open.next()));  // the watch is established and caught up
    ETCD.compact();
    stub.delete(ref("/a"));
    ETCD.compact();
    stub.create(CreateRequest.newBuilder().setSpec(spec("{\"id\":\"/c\",\"cmd\":\"x\"}")).build());
    assertEquals(List.of("DELETED /a", "UPSERTED /c"), List.of(describe(open.next()), describe(open.next())),
        "the open watch kept up");

    StatusRuntimeException compacted = assertThrows(StatusRuntimeException.class,
        () -> watch(snapshotRevision).next());
    assertEquals(Status.Code.OUT_OF_RANGE, compacted.getStatus().getCode(), compacted.getStatus().toString());
    Iterator<DefinitionEvent> again = watch(0);
    assertEquals(List.of("SNAPSHOT /b", "SNAPSHOT /c", "SNAPSHOT_COMPLETE "),
        List.of(describe(again.next()), describe(again.next()), describe(again.next())), "the current state");
  }

  @Test
  void aWatchOfChangesOnlyWithDeploymentsSeesEachDeploymentStartProgressAndEndWithWhoAsked() {
    stub.create(CreateRequest.newBuilder().setSpec(spec("{\"id\":\"/old\",\"cmd\":\"x\"}")).build());
    Iterator<DefinitionEvent> events = DefinitionServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS).watch(WatchRequest.newBuilder().setChangesOnly(true)
            .setWithDeployments(true).build());
    DefinitionEvent start = events.next();
    assertEquals("SNAPSHOT_COMPLETE ", describe(start), "no snapshot: /old is not sent");
    ChangeOrigin origin = ChangeOrigin.newBuilder().setClientIp("127.0.0.9").setUri("/v2/apps/db").build();
    ChangeResult created = stub.create(CreateRequest.newBuilder().setSpec(spec(residentApp(""))).setOrigin(origin)
        .build());
    String id = created.getDeployment().getId();
    stub.updateDeploymentProgress(DeploymentProgress.newBuilder().setDeploymentId(id).setCurrentStep(2)
        .setState(Deployment.State.RUNNING).build());
    stub.updateDeploymentProgress(DeploymentProgress.newBuilder().setDeploymentId(id).setCurrentStep(2)
        .setState(Deployment.State.SUCCEEDED).build());
    stub.delete(RunSpecRef.newBuilder().setKind(RunSpecKind.APP).setId("/db").setForce(true).setOrigin(origin).build());

    // The deployment comes first: a watcher knows a deployment's order before it sees the run specs it holds back.
    DefinitionEvent started = events.next();
    assertEquals(List.of(DefinitionEvent.Type.DEPLOYMENT, id, Deployment.State.RUNNING, 1),
        List.of(started.getType(), started.getDeployment().getId(), started.getDeployment().getState(),
            started.getDeployment().getCurrentStep()));
    assertEquals(origin, started.getDeployment().getOrigin());
    assertTrue(started.getCreated());
    DefinitionEvent upserted = events.next();
    assertEquals("UPSERTED /db", describe(upserted));
    assertEquals(origin, upserted.getOrigin());
    assertTrue(upserted.getCreated());
    assertTrue(upserted.getRevision() > start.getRevision());
    assertEquals(upserted.getRevision(), started.getRevision(), "one transaction: one revision");
    DefinitionEvent progressed = events.next();
    assertEquals(List.of(Deployment.State.RUNNING, 2), List.of(progressed.getDeployment().getState(),
        progressed.getDeployment().getCurrentStep()));
    assertFalse(progressed.getCreated());
    DefinitionEvent finished = events.next();
    assertFalse(finished.getCreated());
    assertEquals(List.of(id, Deployment.State.SUCCEEDED), List.of(finished.getDeployment().getId(),
        finished.getDeployment().getState()), "a finished deployment's end is seen, though it is forgotten");
    DefinitionEvent stopping = events.next();
    assertEquals("StopApplication", stopping.getDeployment().getSteps(0).getActions(0).getAction());
    assertEquals(origin, stopping.getDeployment().getOrigin());
    DefinitionEvent deleted = events.next();
    assertEquals("DELETED /db", describe(deleted));
  }

  private static String describe(DefinitionEvent event) {
    return event.getType() + " " + event.getId();
  }

  private Iterator<DefinitionEvent> watch(long fromRevision) {
    return DefinitionServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .watch(WatchRequest.newBuilder().setFromRevision(fromRevision).build());
  }

  @Test
  void aRestartedServiceLosesNothing() throws Exception {
    ChangeResult created = stub.create(CreateRequest.newBuilder().setSpec(spec(residentApp(""))).build());
    int port = Ports.free();
    service.close();
    service = startService(port);
    ManagedChannel again = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      RunSpec stored = DefinitionServiceGrpc.newBlockingStub(again).withDeadlineAfter(10, TimeUnit.SECONDS)
          .get(GetRequest.newBuilder().setKind(RunSpecKind.APP).setId("/db").build());
      assertEquals(created.getSpec(), stored);
    } finally {
      again.shutdownNow();
    }
  }
}
