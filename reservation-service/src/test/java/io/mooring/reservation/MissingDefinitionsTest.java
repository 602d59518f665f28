package io.mooring.reservation;

import static io.mooring.reservation.ServiceTests.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.mooring.proto.v1.ConfirmDecommissionRequest;
import io.mooring.proto.v1.CreateRequest;
import io.mooring.proto.v1.DefinitionServiceGrpc;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.HeldRunSpecs;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.ListInstancesRequest;
import io.mooring.proto.v1.ReservationServiceGrpc;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.RunSpecRef;
import io.mooring.proto.v1.UpdateRequest;
import io.mooring.testkit.EtcdExtension;
import io.mooring.testkit.Ports;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * reservation-service when run specs go missing, over real gRPC, a real definition-service and a real etcd: a
 * deletion decommissions, an empty or partial snapshot does not (until the operator confirms each held run spec,
 * however the proportions change meanwhile, and whether reservation-service restarts), and a watch that resumes
 * from compacted history ends up with the current definitions.
 */
class MissingDefinitionsTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  private static final String APP = """
      {"id": "%s", "cmd": "sleep 3600", "instances": %d,
       "container": {"type": "MESOS", "volumes": [{"containerPath": "data", "mode": "RW", "persistent": {"size": 10}}]}}""";

  private final String namespace = EtcdExtension.newNamespace();
  private final int definitionPort = Ports.free();
  private final int reservationPort = Ports.free();
  private final List<AutoCloseable> started = new ArrayList<>();
  private ApplicationContext definitionService;
  private ApplicationContext reservationService;
  private DefinitionServiceGrpc.DefinitionServiceBlockingStub definitions;
  private ReservationServiceGrpc.ReservationServiceBlockingStub reservations;

  @BeforeEach
  void start() {
    definitionService = startDefinitionService(definitionPort, namespace);
    reservationService = startReservationService(definitionPort);
    definitions = DefinitionServiceGrpc.newBlockingStub(channel(definitionPort));
    reservations = ReservationServiceGrpc.newBlockingStub(channel(reservationPort));
  }

  @AfterEach
  void stop() throws Exception {
    reservationService.close();
    definitionService.close();
    for (AutoCloseable closeable : started) {
      closeable.close();
    }
  }

  @Test
  void anEmptySnapshotDecommissionsNothingAndTheDefinitionsFindTheirInstancesIntactWhenTheyComeBack()
      throws Exception {
    create("/db", 3);
    List<Instance> before = await("3 instances", this::instances, l -> l.size() == 3);

    // definition-service on the wrong etcd namespace: its snapshot is empty
    int emptyPort = Ports.free();
    started.add(startDefinitionService(emptyPort, EtcdExtension.newNamespace()));
    restartReservationService(emptyPort);
    HeldRunSpecs held = await("/db held", this::held, h -> h.getRunSpecIdsCount() > 0);
    assertEquals(HeldRunSpecs.newBuilder().addRunSpecIds("/db").setInstances(3).setLiveInstances(3).build(), held);
    Thread.sleep(2_000);  // two periodic passes
    assertEquals(sorted(before), sorted(instances()), "nothing happened to the instances");

    restartReservationService(definitionPort);
    await("reservation-service serving", this::held, h -> true);
    Thread.sleep(2_000);
    assertEquals(0, held().getRunSpecIdsCount());
    assertEquals(sorted(before), sorted(instances()), "the instances found their run spec again, untouched");
  }

  @Test
  void aDeletedAppIsDecommissionedAtOnceHoweverLarge() {
    create("/db", 5);
    create("/web", 1);
    await("6 instances", this::instances, l -> l.size() == 6);

    delete("/db");

    List<Instance> after = await("/db decommissioned", this::instances, l -> l.stream()
        .filter(i -> i.getRunSpecId().equals("/db")).allMatch(i -> i.getGoal() == Goal.DECOMMISSIONED));
    assertTrue(after.stream().filter(i -> i.getRunSpecId().equals("/web")).allMatch(i -> i.getGoal() == Goal.RUNNING));
    assertEquals(0, held().getRunSpecIdsCount());
  }

  @Test
  void anAppDeletedWhileReservationServiceWasDownIsHeldUntilTheOperatorConfirms() throws Exception {
    create("/db", 5);
    create("/web", 1);
    await("6 instances", this::instances, l -> l.size() == 6);
    reservationService.close();
    delete("/db");
    reservationService = startReservationService(definitionPort);

    await("/db held", this::held, h -> h.getRunSpecIdsList().equals(List.of("/db")));
    Thread.sleep(1_500);
    assertTrue(instances().stream().allMatch(i -> i.getGoal() == Goal.RUNNING), "5 of 6 instances are too many");

    HeldRunSpecs after = reservations.confirmDecommission(ConfirmDecommissionRequest.newBuilder()
        .addRunSpecIds("/db").build());

    assertEquals(HeldRunSpecs.getDefaultInstance(), after);
    List<Instance> instances = instances();
    assertEquals(5, instances.stream().filter(i -> i.getGoal() == Goal.DECOMMISSIONED).count());
    assertTrue(instances.stream().filter(i -> i.getRunSpecId().equals("/db"))
        .allMatch(i -> i.getGoal() == Goal.DECOMMISSIONED));
  }

  @Test
  void confirmingPartOfAHoldKeepsTheRestHeld() throws Exception {
    create("/a", 4);
    create("/b", 2);
    create("/web", 1);
    await("7 instances", this::instances, l -> l.size() == 7);
    reservationService.close();
    delete("/a");
    delete("/b");
    reservationService = startReservationService(definitionPort);
    await("/a and /b held", this::held, h -> h.getRunSpecIdsList().equals(List.of("/a", "/b")));

    HeldRunSpecs after = reservations.confirmDecommission(ConfirmDecommissionRequest.newBuilder()
        .addRunSpecIds("/a").build());

    assertEquals(List.of("/b"), after.getRunSpecIdsList(), "alone, /b's 2 instances would be within the floor");
    Thread.sleep(1_500);  // more passes
    List<Instance> instances = instances();
    assertEquals(4, count(instances, "/a", Goal.DECOMMISSIONED));
    assertEquals(2, count(instances, "/b", Goal.RUNNING));
  }

  @Test
  void aHoldOutlastsAnotherAppScalingUp() throws Exception {
    create("/db", 3);
    create("/web", 1);
    await("4 instances", this::instances, l -> l.size() == 4);
    reservationService.close();
    delete("/db");
    reservationService = startReservationService(definitionPort, Map.of(
        "mooring.reservation.decommission-guard-share", "0.5", "mooring.reservation.decommission-guard-floor", "0"));
    await("/db held: 3 of 4 live", this::held, h -> h.getRunSpecIdsList().equals(List.of("/db")));

    definitions.update(UpdateRequest.newBuilder().setForce(true).setSpec(ServiceTests.app("{\"id\": \"/web\", \"instances\": 6}"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("instances")).build());

    await("/web scaled up: /db is 3 of 9 live", this::instances, l -> count(l, "/web", Goal.RUNNING) == 6);
    Thread.sleep(1_500);  // more passes
    assertEquals(List.of("/db"), held().getRunSpecIdsList());
    assertEquals(3, count(instances(), "/db", Goal.RUNNING));
  }

  @Test
  void aHoldOutlastsARestartOfReservationService() throws Exception {
    Map<String, Object> settings = Map.of(
        "mooring.reservation.decommission-guard-share", "0.5", "mooring.reservation.decommission-guard-floor", "0");
    create("/db", 3);
    create("/web", 1);
    await("4 instances", this::instances, l -> l.size() == 4);
    reservationService.close();
    delete("/db");
    reservationService = startReservationService(definitionPort, settings);
    await("/db held: 3 of 4 live", this::held, h -> h.getRunSpecIdsList().equals(List.of("/db")));
    definitions.update(UpdateRequest.newBuilder().setForce(true).setSpec(ServiceTests.app("{\"id\": \"/web\", \"instances\": 6}"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("instances")).build());
    await("/web scaled up: /db is 3 of 9 live", this::instances, l -> count(l, "/web", Goal.RUNNING) == 6);

    // a new process (or a standby taking over the writer lock): 3 of 9 alone would not be held
    reservationService.close();
    reservationService = startReservationService(definitionPort, settings);

    await("/db still held by a pass over the current definitions", this::held,
        h -> h.equals(HeldRunSpecs.newBuilder().addRunSpecIds("/db").setInstances(3).setLiveInstances(9).build()));
    Thread.sleep(1_500);  // more passes
    assertEquals(List.of("/db"), held().getRunSpecIdsList());
    assertEquals(3, count(instances(), "/db", Goal.RUNNING));

    reservations.confirmDecommission(ConfirmDecommissionRequest.newBuilder().addRunSpecIds("/db").build());

    assertEquals(3, count(instances(), "/db", Goal.DECOMMISSIONED));
    reservationService.close();
    reservationService = startReservationService(definitionPort, settings);
    assertEquals(HeldRunSpecs.getDefaultInstance(), await("serving again", this::held, h -> true),
        "the released hold is gone from etcd too");
  }

  @Test
  void theSettingConfirmsEveryDecommissionAtStartup() {
    create("/db", 5);
    await("5 instances", this::instances, l -> l.size() == 5);
    reservationService.close();
    delete("/db");

    reservationService = startReservationService(definitionPort, Map.of("mooring.reservation.confirm-decommission",
        "true"));

    await("/db decommissioned", this::instances, l -> l.stream().allMatch(i -> i.getGoal() == Goal.DECOMMISSIONED));
  }

  @Test
  void aFeedThatResumesFromCompactedHistoryTakesASnapshotOfTheCurrentDefinitions() throws Exception {
    create("/db", 1);
    create("/old", 1);
    await("2 instances", this::instances, l -> l.size() == 2);

    // while reservation-service's watch is down, the definitions change and etcd compacts their history away
    definitionService.getBean(GrpcEmbeddedServer.class).getServer().shutdownNow();  // as if killed
    definitionService.close();
    int otherPort = Ports.free();
    ApplicationContext other = startDefinitionService(otherPort, namespace);
    DefinitionServiceGrpc.DefinitionServiceBlockingStub meanwhile =
        DefinitionServiceGrpc.newBlockingStub(channel(otherPort));
    meanwhile.create(CreateRequest.newBuilder().setSpec(app("/web", 2)).build());
    meanwhile.delete(RunSpecRef.newBuilder().setForce(true).setKind(RunSpecKind.APP).setId("/old").build());
    other.close();
    ETCD.compact();
    definitionService = startDefinitionService(definitionPort, namespace);

    List<Instance> now = await("the current definitions' instances", this::instances,
        l -> count(l, "/web", Goal.RUNNING) == 2 && count(l, "/old", Goal.DECOMMISSIONED) == 1);
    assertEquals(1, count(now, "/db", Goal.RUNNING));
  }

  private static long count(List<Instance> instances, String runSpecId, Goal goal) {
    return instances.stream().filter(i -> i.getRunSpecId().equals(runSpecId) && i.getGoal() == goal).count();
  }

  private ApplicationContext startDefinitionService(int port, String etcdNamespace) {
    return ApplicationContext.run(GrpcEmbeddedServer.class, Map.of("grpc.server.port", port,
        "mooring.etcd.endpoints", ETCD.endpoint(), "mooring.etcd.namespace", etcdNamespace), "definition-service")
        .getApplicationContext();
  }

  private ApplicationContext startReservationService(int definitionsAt) {
    return startReservationService(definitionsAt, Map.of());
  }

  private ApplicationContext startReservationService(int definitionsAt, Map<String, Object> settings) {
    Map<String, Object> all = new java.util.HashMap<>(Map.of("grpc.server.port", reservationPort,
        "mooring.etcd.endpoints", ETCD.endpoint(), "mooring.etcd.namespace", namespace,
        "grpc.channels.definition.address", "127.0.0.1:" + definitionsAt));
    all.putAll(settings);
    return ApplicationContext.run(GrpcEmbeddedServer.class, all, "reservation-service").getApplicationContext();
  }

  private void restartReservationService(int definitionsAt) {
    reservationService.close();
    reservationService = startReservationService(definitionsAt);
  }

  private ManagedChannel channel(int port) {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    started.add(channel::shutdownNow);
    return channel;
  }

  private void create(String id, int instances) {
    definitions.create(CreateRequest.newBuilder().setSpec(app(id, instances)).build());
  }

  private void delete(String id) {
    definitions.delete(RunSpecRef.newBuilder().setForce(true).setKind(RunSpecKind.APP).setId(id).build());
  }

  private static RunSpec app(String id, int instances) {
    return ServiceTests.app(APP.formatted(id, instances));
  }

  private List<Instance> instances() {
    return reservations.listInstances(ListInstancesRequest.getDefaultInstance()).getInstancesList();
  }

  private HeldRunSpecs held() {
    return reservations.confirmDecommission(ConfirmDecommissionRequest.getDefaultInstance());
  }

  private static List<String> sorted(List<Instance> instances) {
    return instances.stream().map(Instance::toString).sorted().toList();
  }

}
