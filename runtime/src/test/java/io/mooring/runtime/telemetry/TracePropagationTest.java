package io.mooring.runtime.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The interceptors every service inherits: a call from one service to another is one trace. */
class TracePropagationTest {
  @Factory
  @Requires(env = "trace-test")
  static class CapturingExporter {
    @Singleton
    InMemorySpanExporter spans() {
      return InMemorySpanExporter.create();
    }
  }

  @Test
  void aClientCallAndItsServerSpanShareOneTrace() throws Exception {
    try (ApplicationContext context = ApplicationContext.run(GrpcEmbeddedServer.class,
        Map.of("grpc.server.port", io.mooring.testkit.Ports.free()), "trace-test").getApplicationContext()) {
      int port = context.getBean(GrpcEmbeddedServer.class).getPort();
      ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
          .intercept(context.getBean(ClientInterceptor.class)).build();
      try {
        HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
            .check(HealthCheckRequest.getDefaultInstance());
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      InMemorySpanExporter exporter = (InMemorySpanExporter) context.getBean(SpanExporter.class);
      List<SpanData> spans = exporter.getFinishedSpanItems();
      SpanData client = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
      SpanData server = spans.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
      assertEquals("grpc.health.v1.Health/Check", server.getName());
      assertEquals(client.getTraceId(), server.getTraceId());
      assertEquals(client.getSpanId(), server.getParentSpanId());
    }
  }
}
