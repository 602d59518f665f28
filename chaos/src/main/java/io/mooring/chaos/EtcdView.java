package io.mooring.chaos;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.Instance;
import io.mooring.runtime.etcd.EtcdFactory;
import io.mooring.runtime.etcd.EtcdStore;
import io.mooring.runtime.etcd.Versioned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records as etcd holds them: reservation-service's raw keys under {@code /mooring/v1/instances/} and
 * definition-service's deployments, decoded with the contract's messages, read page by page. Not through any service, so that the checker judges what is stored.
 */
final class EtcdView implements AutoCloseable {
  static final String INSTANCES = "/mooring/v1/instances/all/";
  static final String GARBAGE = "/mooring/v1/instances/garbage/";
  /** definition-service's deployments: the one raw read outside reservation-service's prefix. */
  static final String DEPLOYMENTS = "/mooring/v1/deployments/";
  private static final int PAGE = 500;

  /** The records at one moment (three reads: instances, garbage, deployments). */
  record Records(Map<String, Instance> instances, List<Garbage> garbage, List<Deployment> deployments) {}

  private final EtcdStore etcd;

  EtcdView(String endpoint) {
    etcd = new EtcdStore(EtcdFactory.client(endpoint, ""), Duration.ofSeconds(5));
  }

  Records read() {
    Map<String, Instance> instances = new LinkedHashMap<>();
    all(INSTANCES, Instance.parser()).forEach(instance -> instances.put(instance.getInstanceId(), instance));
    return new Records(Map.copyOf(instances), all(GARBAGE, Garbage.parser()), all(DEPLOYMENTS, Deployment.parser()));
  }

  private <T extends Message> List<T> all(String prefix, Parser<T> parser) {
    List<T> values = new ArrayList<>();
    String after = "";
    while (true) {
      List<Versioned<T>> page = etcd.page(prefix, after, PAGE, parser);
      page.forEach(record -> values.add(record.value()));
      if (page.size() < PAGE) {
        return values;
      }
      String last = page.get(page.size() - 1).key();
      after = last.substring(last.indexOf(prefix) + prefix.length());
    }
  }

  @Override
  public void close() {
    etcd.close();
  }
}
