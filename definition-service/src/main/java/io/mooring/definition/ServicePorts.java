package io.mooring.definition;

import io.micronaut.context.annotation.Value;
import io.mooring.definition.store.DefinitionStore;
import io.mooring.definition.validation.Violations;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.PortDefinition;
import io.mooring.proto.v1.PortMapping;
import io.mooring.proto.v1.RunSpec;
import io.mooring.runtime.grpc.Errors;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Marathon's service ports: an app's port definition (host networking) or port mapping whose service port is 0 gets
 * one from the configured range that no app holds, and keeps it across updates. Each port of the range an app holds
 * has a key naming the app, written in the change's transaction; one chosen now must still be free then, so two
 * changes never choose the same port.
 */
@Singleton
public class ServicePorts {
  private static final int RANDOM_TRIES = 16;
  private final DefinitionStore store;
  private final int min;
  private final int max;
  /** The ports held as last read from etcd, plus those chosen since. */
  private final Set<Integer> held = ConcurrentHashMap.newKeySet();
  private volatile boolean loaded;

  public ServicePorts(DefinitionStore store, @Value("${mooring.definition.service-port-min:10000}") int min,
      @Value("${mooring.definition.service-port-max:20000}") int max) {
    this.store = store;
    this.min = min;
    this.max = max;
  }

  /** A spec with its service ports, and those of them chosen from the range now (which must still be free). */
  public record Assigned(RunSpec spec, Set<Integer> chosen) {}

  /**
   * {@code spec} with its service ports: those it names are kept (Marathon lets apps share a named one), those it
   * leaves 0 are {@code old}'s at the same position, or free ones of the range. {@code taken}: ports others of the
   * same change took.
   */
  public Assigned assign(RunSpec spec, Optional<RunSpec> old, Set<Integer> taken) {
    return assign(spec, old, taken, false);
  }

  /**
   * As {@link #assign(RunSpec, Optional, Set)}. A new port is chosen among those this process last saw free (the
   * change's transaction checks that it still is); with {@code verify}, for a round after a lost race, what etcd
   * holds is read again first.
   */
  public Assigned assign(RunSpec spec, Optional<RunSpec> old, Set<Integer> taken, boolean verify) {
    if (!spec.hasApp()) {
      return new Assigned(spec, Set.of());
    }
    Set<Integer> chosen = new TreeSet<>();
    App app = spec.getApp();
    App previous = old.filter(RunSpec::hasApp).map(RunSpec::getApp).orElse(App.getDefaultInstance());
    App.Builder assigned = app.toBuilder();
    for (int i = 0; i < assigned.getPortDefinitionsCount(); i++) {
      PortDefinition.Builder definition = assigned.getPortDefinitionsBuilder(i);
      int reused = i < previous.getPortDefinitionsCount() ? previous.getPortDefinitions(i).getPort() : 0;
      definition.setPort(port(definition.getPort(), reused, taken, chosen, verify));
    }
    List<PortMapping> oldMappings = previous.getContainer().getPortMappingsList();
    for (int i = 0; i < assigned.getContainer().getPortMappingsCount(); i++) {
      PortMapping.Builder mapping = assigned.getContainerBuilder().getPortMappingsBuilder(i);
      int reused = i < oldMappings.size() ? oldMappings.get(i).getServicePort() : 0;
      mapping.setServicePort(port(mapping.getServicePort(), reused, taken, chosen, verify));
    }
    return new Assigned(RunSpec.newBuilder().setApp(assigned).build(), chosen);
  }

  /** The service ports of the range an app holds: the keys its version writes. */
  public List<Integer> held(RunSpec spec) {
    List<Integer> ports = new ArrayList<>();
    if (spec.hasApp()) {
      spec.getApp().getPortDefinitionsList().forEach(d -> ports.add(d.getPort()));
      spec.getApp().getContainer().getPortMappingsList().forEach(m -> ports.add(m.getServicePort()));
    }
    return ports.stream().filter(this::inRange).distinct().toList();
  }

  private int port(int asked, int reused, Set<Integer> taken, Set<Integer> chosen, boolean verify) {
    if (asked != 0) {
      taken.add(asked);
      return asked;
    }
    if (reused != 0 && inRange(reused) && !taken.contains(reused)) {
      taken.add(reused);
      return reused;
    }
    int port = choose(taken, verify).orElseThrow(() -> Errors.invalid(new Violations().add("/",
        "No service port is free in " + min + "-" + max).toList()));
    taken.add(port);
    chosen.add(port);
    return port;
  }

  /**
   * A random port of the range that is neither held (as last read) nor {@code taken}, then the lowest such one.
   * Chosen ports count as held from now on, so that this process does not offer them twice before its next read.
   */
  private Optional<Integer> choose(Set<Integer> taken, boolean verify) {
    boolean fresh = verify || !loaded;
    if (fresh) {
      reload();
    }
    Optional<Integer> port = pick(taken);
    if (port.isEmpty() && !fresh) {
      reload();  // the ports freed since the last read count only once read
      port = pick(taken);
    }
    return port;
  }

  private void reload() {
    Set<Integer> read = store.servicePorts();
    held.retainAll(read);
    held.addAll(read);
    loaded = true;
  }

  private Optional<Integer> pick(Set<Integer> taken) {
    for (int i = 0; i < RANDOM_TRIES; i++) {
      int candidate = ThreadLocalRandom.current().nextInt(min, max + 1);
      if (!taken.contains(candidate) && held.add(candidate)) {
        return Optional.of(candidate);
      }
    }
    for (int port = min; port <= max; port++) {
      if (!taken.contains(port) && held.add(port)) {
        return Optional.of(port);
      }
    }
    return Optional.empty();
  }


  private boolean inRange(int port) {
    return port >= min && port <= max;
  }
}
