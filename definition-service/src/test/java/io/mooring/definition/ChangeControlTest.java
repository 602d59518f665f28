package io.mooring.definition;

import static io.mooring.definition.Specs.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.mooring.proto.v1.CancelDeploymentRequest;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.CreateRequest;
import io.mooring.proto.v1.DefinitionServiceGrpc;
import io.mooring.proto.v1.DefinitionServiceGrpc.DefinitionServiceBlockingStub;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.DeploymentAction;
import io.mooring.proto.v1.DeploymentProgress;
import io.mooring.proto.v1.DeploymentStep;
import io.mooring.proto.v1.ErrorCode;
import io.mooring.proto.v1.ErrorInfo;
import io.mooring.proto.v1.GetRequest;
import io.mooring.proto.v1.GroupRef;
import io.mooring.proto.v1.GroupUpdate;
import io.mooring.proto.v1.GroupUpdateRequest;
import io.mooring.proto.v1.ListDeploymentsRequest;
import io.mooring.proto.v1.ListGroupsRequest;
import io.mooring.proto.v1.ListRequest;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.RunSpecRef;
import io.mooring.proto.v1.UpdateManyRequest;
import io.mooring.proto.v1.UpdateRequest;
import io.mooring.runtime.grpc.GrpcErrors;
import io.mooring.testkit.EtcdExtension;
import io.mooring.testkit.Ports;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deployment locks, cancellation, rollback, groups and bulk updates, over real gRPC against a real etcd. */
class ChangeControlTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  private ApplicationContext service;
  private ManagedChannel channel;
  private DefinitionServiceBlockingStub stub;

  @BeforeEach
  void start() {
    int port = Ports.free();
    service = ApplicationContext.run(GrpcEmbeddedServer.class, Map.of("grpc.server.port", port,
        "mooring.etcd.endpoints", ETCD.endpoint(), "mooring.etcd.namespace", EtcdExtension.newNamespace()),
        "definition-service").getApplicationContext();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    stub = DefinitionServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    service.close();
  }

  @Test
  void aRunningDeploymentLocksItsAppUntilItEndsOrIsOverridden() {
    ChangeResult created = create("{\"id\":\"/web\",\"cmd\":\"serve\",\"instances\":1}");
    ErrorInfo locked = error(() -> stub.update(scale("/web", 3, false)));
    assertEquals(ErrorCode.LOCKED, locked.getCode());
    assertEquals(List.of(created.getDeployment().getId()), locked.getDeploymentIdsList());
    assertTrue(locked.getMessage().startsWith("App is locked by one or more deployments."));
    assertEquals(ErrorCode.LOCKED, error(() -> stub.restart(ref("/web", false))).getCode());
    assertEquals(ErrorCode.LOCKED, error(() -> stub.delete(ref("/web", false))).getCode());
    assertEquals(1, stored("/web").getInstances(), "a refused change changes nothing");

    ChangeResult forced = stub.update(scale("/web", 3, true));
    assertEquals(List.of(forced.getDeployment().getId()), running(), "the forced change canceled the first");

    finish(forced.getDeployment());
    assertEquals(List.of(), running());
    ChangeResult free = stub.update(scale("/web", 2, false));
    assertEquals(2, free.getSpec().getApp().getInstances(), "once the deployment ended the app is free");
  }

  @Test
  void aStoppingAppLocksItsIdAgainstARecreation() {
    ChangeResult created = create("{\"id\":\"/web\",\"cmd\":\"serve\"}");
    finish(created.getDeployment());
    stub.delete(ref("/web", false));
    ErrorInfo locked = error(() -> stub.create(CreateRequest.newBuilder()
        .setSpec(RunSpec.newBuilder().setApp(app("{\"id\":\"/web\",\"cmd\":\"serve\"}"))).build()));
    assertEquals(ErrorCode.LOCKED, locked.getCode());
  }

  @Test
  void canceledWithForceADeploymentLeavesItsAppsAsTheyAre() {
    ChangeResult created = create("{\"id\":\"/web\",\"cmd\":\"serve\",\"instances\":2}");
    stub.cancelDeployment(CancelDeploymentRequest.newBuilder().setId(created.getDeployment().getId())
        .setForce(true).build());
    assertEquals(List.of(), running());
    assertEquals(2, stored("/web").getInstances());
    stub.update(scale("/web", 1, false));  // unlocked
    ErrorInfo gone = error(() -> stub.cancelDeployment(CancelDeploymentRequest.newBuilder()
        .setId(created.getDeployment().getId()).build()));
    assertEquals(ErrorCode.NOT_FOUND, gone.getCode());
  }

  @Test
  void rollingBackRestoresWhatTheDeploymentChanged() {
    ChangeResult created = create("{\"id\":\"/web\",\"cmd\":\"serve\",\"instances\":1}");
    finish(created.getDeployment());
    ChangeResult upgraded = stub.update(UpdateRequest.newBuilder().setSpec(RunSpec.newBuilder()
        .setApp(app("{\"id\":\"/web\",\"cmd\":\"serve --new\"}"))).setUpdateMask(FieldMask.newBuilder()
        .addPaths("cmd")).build());
    ChangeResult rollback = stub.cancelDeployment(CancelDeploymentRequest.newBuilder()
        .setId(upgraded.getDeployment().getId()).build());
    assertEquals("serve", stored("/web").getCmd());
    assertEquals(List.of(rollback.getDeployment().getId()), running(), "the rollback replaced the upgrade");
    assertEquals("RestartApplication", rollback.getDeployment().getSteps(0).getActions(0).getAction());

    // Rolling back a creation deletes what it created.
    ChangeResult other = create("{\"id\":\"/other\",\"cmd\":\"x\"}");
    stub.cancelDeployment(CancelDeploymentRequest.newBuilder().setId(other.getDeployment().getId()).build());
    assertFalse(ids().contains("/other"));
  }

  @Test
  void aGroupStartsInDependencyOrderAndAPutReplacesItsApps() {
    GroupUpdate group = GroupUpdate.newBuilder().setId("/shop").setHasApps(true)
        .addApps(app("{\"id\":\"web\",\"cmd\":\"serve\",\"dependencies\":[\"db\"]}"))
        .addApps(app("{\"id\":\"db\",\"cmd\":\"postgres\"}"))
        .addApps(app("{\"id\":\"cache\",\"cmd\":\"redis\"}"))
        .build();
    ChangeResult dry = stub.updateGroup(request(group, GroupUpdateRequest.Mode.CREATE).setDryRun(true).build());
    assertTrue(dry.getDryRun());
    assertEquals(List.of(), ids(), "a dry run writes nothing");

    ChangeResult created = stub.updateGroup(request(group, GroupUpdateRequest.Mode.CREATE).build());
    assertEquals(List.of(List.of("StartApplication /shop/cache", "ScaleApplication /shop/cache",
        "StartApplication /shop/db", "ScaleApplication /shop/db"),
        List.of("StartApplication /shop/web", "ScaleApplication /shop/web")), steps(created.getDeployment()));
    assertEquals(steps(dry.getDeployment()), steps(created.getDeployment()));
    assertEquals(List.of("/shop/cache", "/shop/db", "/shop/web"), ids());
    assertEquals(ErrorCode.CONFLICT, error(() -> stub.updateGroup(request(group, GroupUpdateRequest.Mode.CREATE)
        .build())).getCode());
    finish(created.getDeployment());

    GroupUpdate replaced = GroupUpdate.newBuilder().setId("/shop").setHasApps(true)
        .addApps(app("{\"id\":\"web\",\"cmd\":\"serve\",\"dependencies\":[\"db\"]}"))
        .addApps(app("{\"id\":\"db\",\"cmd\":\"postgres -v\"}"))
        .build();
    ChangeResult put = stub.updateGroup(request(replaced, GroupUpdateRequest.Mode.UPDATE).build());
    assertEquals(List.of(List.of("StopApplication /shop/cache"), List.of("RestartApplication /shop/db")),
        steps(put.getDeployment()), "web is unchanged and left alone; cache, left out, stops");
    assertEquals(List.of("/shop/db", "/shop/web"), ids());
    finish(put.getDeployment());

    ChangeResult scaled = stub.updateGroup(request(GroupUpdate.newBuilder().setId("/shop").setScaleBy(2.5).build(),
        GroupUpdateRequest.Mode.UPDATE).build());
    assertEquals(3, stored("/shop/web").getInstances(), "1 x 2.5 rounds up");
    finish(scaled.getDeployment());

    ChangeResult deleted = stub.deleteGroup(GroupRef.newBuilder().setId("/shop").build());
    assertEquals(List.of(List.of("StopApplication /shop/db", "StopApplication /shop/web")),
        steps(deleted.getDeployment()));
    assertEquals(List.of(), ids());
    assertEquals(List.of(), stub.listGroups(ListGroupsRequest.getDefaultInstance()).getGroupsList());
  }

  @Test
  void groupDependenciesOrderWholeGroupsAndCyclesAreRefused() {
    GroupUpdate root = GroupUpdate.newBuilder().setId("/prod").setHasGroups(true)
        .addGroups(GroupUpdate.newBuilder().setId("front").setHasApps(true).setHasDependencies(true)
            .addDependencies("/prod/back").addApps(app("{\"id\":\"ui\",\"cmd\":\"x\"}")))
        .addGroups(GroupUpdate.newBuilder().setId("back").setHasApps(true)
            .addApps(app("{\"id\":\"api\",\"cmd\":\"x\"}")).addApps(app("{\"id\":\"db\",\"cmd\":\"x\"}")))
        .build();
    ChangeResult created = stub.updateGroup(request(root, GroupUpdateRequest.Mode.CREATE).build());
    assertEquals(2, created.getDeployment().getStepsCount());
    assertEquals(List.of("StartApplication /prod/front/ui", "ScaleApplication /prod/front/ui"),
        steps(created.getDeployment()).get(1));
    assertEquals(List.of("/prod", "/prod/back", "/prod/front"),
        stub.listGroups(ListGroupsRequest.getDefaultInstance()).getGroupsList().stream().map(g -> g.getId())
            .toList());

    GroupUpdate cyclic = GroupUpdate.newBuilder().setId("/loop").setHasApps(true)
        .addApps(app("{\"id\":\"a\",\"cmd\":\"x\",\"dependencies\":[\"b\"]}"))
        .addApps(app("{\"id\":\"b\",\"cmd\":\"x\",\"dependencies\":[\"/loop/a\"]}")).build();
    ErrorInfo error = error(() -> stub.updateGroup(request(cyclic, GroupUpdateRequest.Mode.CREATE).build()));
    assertEquals(ErrorCode.INVALID, error.getCode());
    assertEquals("Dependency graph has cyclic dependencies.", error.getDetails(0).getErrors(0));

    GroupUpdate stranger = GroupUpdate.newBuilder().setId("/a").setHasApps(true)
        .addApps(app("{\"id\":\"/b/app\",\"cmd\":\"x\"}")).addApps(app("{\"id\":\"ok\",\"cmd\":\"x\",\"cpus\":-1}")).build();
    ErrorInfo invalid = error(() -> stub.updateGroup(request(stranger, GroupUpdateRequest.Mode.CREATE).build()));
    assertEquals(List.of("/apps(0)/id", "/apps(1)/cpus"), invalid.getDetailsList().stream().map(d -> d.getPath())
        .sorted().toList());
    assertFalse(ids().contains("/a/ok"), "nothing of a refused group is written");

    ErrorInfo badId = error(() -> stub.updateGroup(request(GroupUpdate.newBuilder().setId("/Bad_Group").build(),
        GroupUpdateRequest.Mode.CREATE).build()));
    assertEquals("/id", badId.getDetails(0).getPath());
    ErrorInfo rootPatch = error(() -> stub.updateGroup(request(GroupUpdate.newBuilder().setId("/").setEnforceRole(true)
        .build(), GroupUpdateRequest.Mode.PATCH).build()));
    assertEquals(ErrorCode.INVALID, rootPatch.getCode(), "only top-level groups are patched");
  }

  @Test
  void aTopLevelGroupThatEnforcesItsRoleGivesItToNewApps() {
    stub.updateGroup(request(GroupUpdate.newBuilder().setId("/team").setEnforceRole(true).build(),
        GroupUpdateRequest.Mode.CREATE).build());
    create("{\"id\":\"/team/app\",\"cmd\":\"x\"}");
    assertEquals("team", stored("/team/app").getRole());
    ChangeResult patched = stub.updateGroup(request(GroupUpdate.newBuilder().setId("/team").setEnforceRole(false)
        .build(), GroupUpdateRequest.Mode.PATCH).build());
    assertEquals(Deployment.State.SUCCEEDED, patched.getDeployment().getState(), "nothing restarts");
    assertFalse(stub.listGroups(ListGroupsRequest.getDefaultInstance()).getGroups(0).getEnforceRole());
  }

  @Test
  void aBulkUpdateIsOneDeploymentAndAllOrNothing() {
    finish(create("{\"id\":\"/a\",\"cmd\":\"x\"}").getDeployment());
    UpdateRequest a = scale("/a", 2, false);
    UpdateRequest b = UpdateRequest.newBuilder().setCreateIfAbsent(true)
        .setSpec(RunSpec.newBuilder().setApp(app("{\"id\":\"/b\",\"cmd\":\"y\"}"))).build();
    ChangeResult both = stub.updateMany(UpdateManyRequest.newBuilder().addUpdates(a).addUpdates(b).build());
    assertEquals(List.of("/a", "/b"), both.getDeployment().getAffectedAppsList());
    finish(both.getDeployment());

    UpdateRequest bad = UpdateRequest.newBuilder().setSpec(RunSpec.newBuilder()
        .setApp(app("{\"id\":\"/b\",\"cpus\":-1}"))).setUpdateMask(FieldMask.newBuilder().addPaths("cpus")).build();
    ErrorInfo error = error(() -> stub.updateMany(UpdateManyRequest.newBuilder().addUpdates(scale("/a", 5, false))
        .addUpdates(bad).build()));
    assertEquals("/(1)/cpus", error.getDetails(0).getPath());
    assertEquals(2, stored("/a").getInstances(), "the valid half was not written either");
  }

  @Test
  void servicePortsComeFromTheRangeOnePerAppAndStayAcrossUpdates() {
    ChangeResult a = create("{\"id\":\"/ports/a\",\"cmd\":\"x\",\"portDefinitions\":[{\"port\":0},{\"port\":0}]}");
    List<Integer> portsOfA = a.getSpec().getApp().getPortDefinitionsList().stream().map(p -> p.getPort()).toList();
    assertTrue(portsOfA.stream().allMatch(p -> p >= 10000 && p <= 20000), portsOfA.toString());
    assertEquals(2, portsOfA.stream().distinct().count());
    ChangeResult b = create("{\"id\":\"/ports/b\",\"cmd\":\"x\"}");
    int portOfB = b.getSpec().getApp().getPortDefinitions(0).getPort();
    assertFalse(portsOfA.contains(portOfB), "each app its own");

    ChangeResult updated = stub.update(UpdateRequest.newBuilder().setForce(true).setSpec(RunSpec.newBuilder()
        .setApp(app("{\"id\":\"/ports/a\",\"cmd\":\"y\",\"portDefinitions\":[{\"port\":0},{\"port\":0}]}")))
        .build());
    assertEquals(portsOfA, updated.getSpec().getApp().getPortDefinitionsList().stream().map(p -> p.getPort())
        .toList(), "an update keeps the ports");

    ChangeResult c = create("{\"id\":\"/ports/c\",\"cmd\":\"x\",\"portDefinitions\":[{\"port\":" + portOfB + "}]}");
    assertEquals(portOfB, c.getSpec().getApp().getPortDefinitions(0).getPort(), "Marathon lets apps share a named port");
  }

  @Test
  void aChangeOfMoreThanTwentyRunSpecsIsRefusedButABigGroupIsDeletedInParts() {
    ErrorInfo tooBig = error(() -> stub.updateGroup(request(group("/big/all", 21), GroupUpdateRequest.Mode.CREATE)
        .build()));
    assertEquals(ErrorCode.INVALID, tooBig.getCode());
    assertEquals(List.of(), ids(), "nothing of a refused change is written");

    stub.updateGroup(request(group("/big/a", 20), GroupUpdateRequest.Mode.CREATE).build());
    stub.updateGroup(request(group("/big/b", 15), GroupUpdateRequest.Mode.CREATE).build());
    assertEquals(35, ids().size());
    ChangeResult deleted = stub.deleteGroup(GroupRef.newBuilder().setId("/big").setForce(true).build());
    assertEquals(List.of(), ids(), "every app goes, in two changes");
    assertEquals(15, deleted.getDeployment().getAffectedAppsCount(), "the answer is the last part's deployment");
    assertEquals(List.of(), stub.listGroups(ListGroupsRequest.getDefaultInstance()).getGroupsList());
  }

  private static GroupUpdate group(String id, int apps) {
    GroupUpdate.Builder group = GroupUpdate.newBuilder().setId(id).setHasApps(true);
    for (int i = 0; i < apps; i++) {
      group.addApps(app("{\"id\":\"app-" + i + "\",\"cmd\":\"x\"}"));
    }
    return group.build();
  }

  @Test
  void aFullRangeRefusesANewPortUntilAnAppFreesOne() {
    int port = Ports.free();
    try (ApplicationContext small = ApplicationContext.run(GrpcEmbeddedServer.class, Map.of("grpc.server.port", port,
        "mooring.etcd.endpoints", ETCD.endpoint(), "mooring.etcd.namespace", EtcdExtension.newNamespace(),
        "mooring.definition.service-port-min", 10000, "mooring.definition.service-port-max", 10001),
        "definition-service").getApplicationContext()) {
      ManagedChannel smallChannel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
      DefinitionServiceBlockingStub two = DefinitionServiceGrpc.newBlockingStub(smallChannel)
          .withDeadlineAfter(10, TimeUnit.SECONDS);
      List<Integer> ports = new java.util.ArrayList<>();
      for (String id : List.of("/one", "/two")) {
        ports.add(two.create(CreateRequest.newBuilder().setSpec(RunSpec.newBuilder()
            .setApp(app("{\"id\":\"" + id + "\",\"cmd\":\"x\"}"))).build()).getSpec().getApp()
            .getPortDefinitions(0).getPort());
      }
      assertEquals(List.of(10000, 10001), ports.stream().sorted().toList());
      ErrorInfo full = error(() -> two.create(CreateRequest.newBuilder().setSpec(RunSpec.newBuilder()
          .setApp(app("{\"id\":\"/three\",\"cmd\":\"x\"}"))).build()));
      assertEquals("No service port is free in 10000-10001", full.getDetails(0).getErrors(0));
      two.delete(ref("/one", true));
      int freed = ports.get(0);
      assertEquals(freed, two.create(CreateRequest.newBuilder().setSpec(RunSpec.newBuilder()
          .setApp(app("{\"id\":\"/three\",\"cmd\":\"x\"}"))).build()).getSpec().getApp().getPortDefinitions(0)
          .getPort(), "the port /one held");
      smallChannel.shutdownNow();
    }
  }

  private ChangeResult create(String json) {
    return stub.create(CreateRequest.newBuilder().setSpec(RunSpec.newBuilder().setApp(app(json))).build());
  }

  private static UpdateRequest scale(String id, int instances, boolean force) {
    return UpdateRequest.newBuilder().setForce(force).setSpec(RunSpec.newBuilder()
        .setApp(app("{\"id\":\"" + id + "\",\"instances\":" + instances + "}")))
        .setUpdateMask(FieldMask.newBuilder().addPaths("instances")).build();
  }

  private static RunSpecRef ref(String id, boolean force) {
    return RunSpecRef.newBuilder().setKind(RunSpecKind.APP).setId(id).setForce(force).build();
  }

  private static GroupUpdateRequest.Builder request(GroupUpdate update, GroupUpdateRequest.Mode mode) {
    return GroupUpdateRequest.newBuilder().setUpdate(update).setMode(mode);
  }

  private io.mooring.proto.v1.App stored(String id) {
    return stub.get(GetRequest.newBuilder().setKind(RunSpecKind.APP).setId(id).build()).getApp();
  }

  private List<String> ids() {
    return stub.list(ListRequest.getDefaultInstance()).getSpecsList().stream().map(s -> s.getApp().getId())
        .sorted().toList();
  }

  private List<String> running() {
    return stub.listDeployments(ListDeploymentsRequest.getDefaultInstance()).getDeploymentsList().stream()
        .map(Deployment::getId).toList();
  }

  private void finish(Deployment deployment) {
    stub.updateDeploymentProgress(DeploymentProgress.newBuilder().setDeploymentId(deployment.getId())
        .setCurrentStep(deployment.getTotalSteps()).setState(Deployment.State.SUCCEEDED).build());
  }

  private static List<List<String>> steps(Deployment deployment) {
    return deployment.getStepsList().stream().map(DeploymentStep::getActionsList)
        .map(actions -> actions.stream().map(ChangeControlTest::describe).toList()).toList();
  }

  private static String describe(DeploymentAction action) {
    return action.getAction() + " " + (action.hasApp() ? action.getApp() : action.getPod());
  }

  private static ErrorInfo error(Runnable call) {
    return GrpcErrors.fromThrowable(assertThrows(StatusRuntimeException.class, call::run));
  }
}
