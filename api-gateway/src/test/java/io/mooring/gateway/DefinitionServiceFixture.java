package io.mooring.gateway;

import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.mooring.testkit.EtcdExtension;
import io.mooring.testkit.Ports;
import java.io.IOException;
import java.util.Map;

/** The real definition-service, in this JVM, on a free port, over its own namespace of the test etcd. */
final class DefinitionServiceFixture implements AutoCloseable {
  private final Map<String, Object> properties;
  private final int port;
  private ApplicationContext context;

  DefinitionServiceFixture(String etcdEndpoint) throws IOException {
    port = Ports.free();
    properties = Map.of("grpc.server.port", port, "mooring.etcd.endpoints", etcdEndpoint,
        "mooring.etcd.namespace", EtcdExtension.newNamespace());
    start();
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  /** Starts it again after {@link #close()}, on the same port and data. */
  void start() {
    context = ApplicationContext.run(GrpcEmbeddedServer.class, properties, "definition-service")
        .getApplicationContext();
  }

  @Override
  public void close() {
    context.close();
  }
}
