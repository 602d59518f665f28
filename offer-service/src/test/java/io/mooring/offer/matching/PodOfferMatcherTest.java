package io.mooring.offer.matching;

import static io.mooring.offer.matching.Fixtures.NOW;
import static io.mooring.offer.matching.Fixtures.SETTINGS;
import static io.mooring.offer.matching.PodFixtures.container;
import static io.mooring.offer.matching.PodFixtures.endpoint;
import static io.mooring.offer.matching.PodFixtures.mount;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.Endpoint;
import io.mooring.proto.v1.ExecutorResources;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.Network;
import io.mooring.proto.v1.Pod;
import io.mooring.proto.v1.PodConstraint;
import io.mooring.proto.v1.PodPlacement;
import io.mooring.proto.v1.PodScheduling;
import io.mooring.proto.v1.Resources;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which pods get placed from the standard offer (4 cpus, 8192 mem, ports 31000-32000), and why the rest do not. */
class PodOfferMatcherTest {
  private static final Pod BASE = PodFixtures.pod("/db", List.of(PodFixtures.volume("data", "root", 100)),
      container("a", 1, 128, "sleep 1").addEndpoints(endpoint("http", 0)).addVolumeMounts(mount("data", "d")).build(),
      container("b", 1, 128, "sleep 1").addVolumeMounts(mount("data", "d")).build()).build();

  static Stream<Arguments> pods() {
    return Stream.of(
        pod("fits", p -> p, null),
        pod("each container fits, the sum does not", p -> resources(resources(p, 0, 2), 1, 2),
            RejectReasons.INSUFFICIENT_CPUS),
        pod("executor memory counts", p -> p.setExecutorResources(ExecutorResources.newBuilder().setMem(8000)),
            RejectReasons.INSUFFICIENT_MEMORY),
        pod("executor scratch disk counts", p -> p.setExecutorResources(ExecutorResources.newBuilder()
            .setDisk(20400)), RejectReasons.INSUFFICIENT_DISK),
        pod("volume too big", p -> p.setVolumes(0, PodFixtures.volume("data", "mount", 9000)),
            RejectReasons.INSUFFICIENT_DISK),
        pod("gpus", p -> p.setContainers(1, p.getContainers(1).toBuilder().setResources(Resources.newBuilder()
            .setGpus(1))), RejectReasons.INSUFFICIENT_GPUS),
        pod("host port not offered", p -> endpoints(p, 0, endpoint("http", 80)), RejectReasons.INSUFFICIENT_PORTS),
        pod("two containers want one port", p -> endpoints(endpoints(p, 0, endpoint("x", 31005)), 1,
            endpoint("y", 31005)), RejectReasons.INSUFFICIENT_PORTS),
        pod("roles without *", p -> placement(p, PodPlacement.newBuilder().addAcceptedResourceRoles("public")),
            RejectReasons.UNFULFILLED_ROLE),
        pod("hostname constraint", p -> placement(p, PodPlacement.newBuilder().addConstraints(PodConstraint
            .newBuilder().setFieldName("hostname").setOperator("UNLIKE").setValue("host-0"))),
            RejectReasons.UNFULFILLED_CONSTRAINT),
        pod("hostname constraint met", p -> placement(p, PodPlacement.newBuilder().addConstraints(PodConstraint
            .newBuilder().setFieldName("hostname").setOperator("LIKE").setValue("host-.*"))), null),
        pod("no containers", Pod.Builder::clearContainers, RejectReasons.UNSUPPORTED_RUN_SPEC));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pods")
  void placesOrSaysWhyNot(String name, Pod pod, String reason) {
    OfferMatch match = OfferMatcher.match(Fixtures.standardOffer(),
        List.of(PodFixtures.first(pod, PodFixtures.instance(pod, 1))), SETTINGS, NOW);
    assertEquals(reason == null ? 1 : 0, match.launches().size());
    assertEquals(reason == null ? Map.of() : Map.of("/db", reason), match.rejections());
  }

  @Test
  void aVolumeWithoutPersistenceIdIsNotCreated() {
    LaunchRequest bare = PodFixtures.first(BASE, PodFixtures.instance(BASE, 1).toBuilder().clearVolumes().build());
    assertEquals(Map.of("/db", RejectReasons.MISSING_PERSISTENCE_ID),
        OfferMatcher.match(Fixtures.standardOffer(), List.of(bare), SETTINGS, NOW).rejections());
  }

  static Stream<Arguments> ports() {
    Network container = Network.newBuilder().setMode("container").setName("dcos").build();
    return Stream.of(
        Arguments.of("any, then exact: the exact port is kept", null, endpoint("x", 0), endpoint("y", 31000),
            List.of(List.of(31001), List.of(31000))),
        Arguments.of("host network: no hostPort is any", null, endpoint("x", null), endpoint("y", 31500),
            List.of(List.of(31000), List.of(31500))),
        Arguments.of("container network: no hostPort is none", container, endpoint("x", null), endpoint("y", 0),
            List.of(List.of(), List.of(31000))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ports")
  void choosesHostPortsPerContainer(String name, Network network, Endpoint a, Endpoint b,
      List<List<Integer>> expected) {
    Pod.Builder pod = endpoints(endpoints(BASE.toBuilder(), 0, a), 1, b);
    if (network != null) pod.addNetworks(network);
    Launch launch = OfferMatcher.match(Fixtures.standardOffer(), List.of(PodFixtures.first(pod.build(),
        PodFixtures.instance(BASE, 1))), SETTINGS, NOW).launches().get(0);
    assertEquals(expected, launch.tasks().stream().map(t -> t.getHostPortsList()).toList());
  }

  @Test
  void placesSeveralInstancesFromOneOffer() {
    Pod small = resources(resources(BASE.toBuilder(), 0, 0.5), 1, 0.5).build();
    List<LaunchRequest> queue = IntStream.rangeClosed(1, 4)
        .mapToObj(i -> PodFixtures.first(small, PodFixtures.instance(small, i))).toList();
    OfferMatch match = OfferMatcher.match(Fixtures.standardOffer(), queue, SETTINGS, NOW);
    assertEquals(3, match.launches().size(), "1.1 cpus each");
    assertEquals(Map.of("/db", RejectReasons.INSUFFICIENT_CPUS), match.rejections());
    assertEquals(List.of(31000, 31001, 31002), match.launches().stream()
        .map(l -> l.tasks().get(0).getHostPorts(0)).toList());
    OfferMatcherTest.assertFitsInOffer(Fixtures.standardOffer(), match);
  }

  private static Pod.Builder resources(Pod.Builder pod, int container, double cpus) {
    return pod.setContainers(container, pod.getContainers(container).toBuilder()
        .setResources(Resources.newBuilder().setCpus(cpus).setMem(128)));
  }

  private static Pod.Builder endpoints(Pod.Builder pod, int container, Endpoint... endpoints) {
    return pod.setContainers(container, pod.getContainers(container).toBuilder().clearEndpoints()
        .addAllEndpoints(Arrays.asList(endpoints)));
  }

  private static Pod.Builder placement(Pod.Builder pod, PodPlacement.Builder placement) {
    return pod.setScheduling(PodScheduling.newBuilder().setPlacement(placement));
  }

  private static Arguments pod(String name, UnaryOperator<Pod.Builder> change, String reason) {
    return Arguments.of(name, change.apply(BASE.toBuilder()).build(), reason);
  }
}
