package io.mooring.runtime.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The etcd client of a service: {@code mooring.etcd.endpoints} (comma-separated), an optional namespace, and a
 * timeout per request kept well below the gateway's deadline so that an etcd outage surfaces as a prompt 503.
 */
@Factory
public class EtcdFactory {
  @Singleton
  @Bean(preDestroy = "close")
  EtcdStore etcdStore(
      @Value("${mooring.etcd.endpoints:`http://127.0.0.1:2379`}") String endpoints,
      @Value("${mooring.etcd.namespace:}") String namespace,
      @Value("${mooring.etcd.timeout:2s}") Duration timeout) {
    return new EtcdStore(client(endpoints, namespace), timeout);
  }

  public static Client client(String endpoints, String namespace) {
    var builder = Client.builder().endpoints(endpoints.split(","));
    if (!namespace.isEmpty()) {
      builder.namespace(ByteSequence.from(namespace, StandardCharsets.UTF_8));
    }
    return builder.build();
  }
}
