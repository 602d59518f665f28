package io.mooring.runtime.telemetry;

import io.grpc.ClientInterceptor;
import io.grpc.ServerInterceptor;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.api.common.AttributeKey;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Tracing for every gRPC server and client: micronaut-grpc adds every {@link ServerInterceptor} and
 * {@link ClientInterceptor} bean to its server and channels, so trace context crosses services. Spans go to the
 * {@link SpanExporter} beans: none by default, the log with {@code mooring.telemetry.exporter=logging}.
 */
@Factory
public class TelemetryFactory {
  @Singleton
  @Bean(preDestroy = "close")
  OpenTelemetrySdk openTelemetry(List<SpanExporter> exporters,
      @Value("${micronaut.application.name:mooring}") String serviceName) {
    var tracer = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(
            Resource.create(io.opentelemetry.api.common.Attributes.of(AttributeKey.stringKey("service.name"),
                serviceName))));
    exporters.forEach(exporter -> tracer.addSpanProcessor(SimpleSpanProcessor.create(exporter)));
    return OpenTelemetrySdk.builder()
        .setTracerProvider(tracer.build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }

  @Singleton
  @Named("logging")
  @io.micronaut.context.annotation.Requires(property = "mooring.telemetry.exporter", value = "logging")
  SpanExporter loggingExporter() {
    return LoggingSpanExporter.create();
  }

  @Singleton
  GrpcTelemetry grpcTelemetry(OpenTelemetry openTelemetry) {
    return GrpcTelemetry.create(openTelemetry);
  }

  @Singleton
  ServerInterceptor tracingServerInterceptor(GrpcTelemetry telemetry) {
    return telemetry.newServerInterceptor();
  }

  @Singleton
  ClientInterceptor tracingClientInterceptor(GrpcTelemetry telemetry) {
    return telemetry.newClientInterceptor();
  }
}
