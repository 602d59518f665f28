package io.mooring.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.testkit.EtcdExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A gateway over HTTP in front of the real definition-service (in this JVM) and a real etcd, and stand-ins for
 * reservation-service, offer-service and volume-gc-service, once per test class. Tests share the store, so each uses
 * ids of its own; the stand-ins start every test empty.
 */
abstract class LiveGatewayTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();

  static DefinitionServiceFixture definitionService;
  static FakeNeighbours neighbours;
  static GatewayClient gateway;

  @BeforeAll
  static void start() throws Exception {
    definitionService = new DefinitionServiceFixture(ETCD.endpoint());
    neighbours = new FakeNeighbours();
    gateway = new GatewayClient(definitionService.address(), Map.of(
        "grpc.channels.reservation.address", neighbours.address(),
        "grpc.channels.offer.address", neighbours.address(),
        "grpc.channels.gc.address", neighbours.address()));
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
    neighbours.close();
    definitionService.close();
  }

  @BeforeEach
  void emptyNeighbours() {
    neighbours.reset();
  }

  /** A seed under another id, so that seeds sharing an id can live side by side. */
  static String seed(String name, String id) {
    ObjectNode json = (ObjectNode) JsonTrees.parse(Seeds.read(name));
    return json.put("id", id).toString();
  }
}
