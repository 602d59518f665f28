package io.mooring.runtime.grpc;

import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The standard gRPC health service (grpc.health.v1.Health) on every service: SERVING once the context is up,
 * NOT_SERVING while it shuts down. Kubernetes gRPC probes and {@code grpc_health_probe} speak it.
 */
@Factory
public class HealthFactory {
  @Singleton
  @Bean(preDestroy = "enterTerminalState")
  HealthStatusManager healthStatusManager() {
    HealthStatusManager manager = new HealthStatusManager();
    manager.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    return manager;
  }

  @Singleton
  BindableService healthService(HealthStatusManager manager) {
    return manager.getHealthService();
  }
}
