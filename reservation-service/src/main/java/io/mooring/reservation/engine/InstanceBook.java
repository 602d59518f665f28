package io.mooring.reservation.engine;

import io.mooring.proto.v1.Cleaned;
import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.RunSpec;
import io.mooring.reservation.core.Action;
import io.mooring.reservation.core.Backoff;
import io.mooring.reservation.core.InstanceEvent;
import io.mooring.reservation.core.InstanceMachine;
import io.mooring.reservation.core.SideEffect;
import io.mooring.reservation.core.Transition;
import io.mooring.reservation.store.InstanceStore;
import io.mooring.runtime.etcd.Versioned;
import io.mooring.runtime.grpc.Errors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every instance as stored, cached in memory, changed only through the state machine and written with
 * compare-and-swap before the cache believes it. Confined to the reconciler thread.
 */
final class InstanceBook {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceBook.class);
  private final InstanceStore store;
  private final Map<String, Versioned<Instance>> instances = new HashMap<>();
  private Versioned<Long> fence = new Versioned<>("", 0L, 0);
  /** A write failed without an answer: etcd may or may not hold it, so the cache must be re-read before use. */
  private boolean stale;

  private final Function<String, Optional<RunSpec>> specs;

  InstanceBook(InstanceStore store, Function<String, Optional<RunSpec>> specs) {
    this.store = store;
    this.specs = specs;
  }

  void load() {
    Map<String, Versioned<Instance>> stored = store.loadAll();
    instances.clear();
    instances.putAll(stored);
    fence = store.fence();
    stale = false;
  }

  Collection<Instance> all() {
    return instances.values().stream().map(Versioned::value).toList();
  }

  Optional<Instance> get(String instanceId) {
    return Optional.ofNullable(instances.get(instanceId)).map(Versioned::value);
  }

  long fence() {
    return fence.value();
  }

  /** The outcome of applying actions: the transitions that changed something, and their side effects. */
  record Outcome(Map<String, Transition> applied, List<SideEffect> effects, Map<String, String> illegal,
      boolean conflicted) {}

  /** Applies the actions in order (several may touch one instance) and stores the result in as few writes as possible. */
  Outcome apply(List<Action> actions, long raiseFenceTo) {
    if (stale) {
      load();
    }
    Map<String, Instance> pending = new LinkedHashMap<>();
    Map<String, Transition> applied = new LinkedHashMap<>();
    Map<String, List<Garbage>> garbage = new HashMap<>();
    List<SideEffect> effects = new ArrayList<>();
    Map<String, String> illegal = new LinkedHashMap<>();
    for (Action action : actions) {
      if (action instanceof Action.Create create) {
        pending.put(create.instance().getInstanceId(), create.instance());
        continue;
      }
      Action.Apply apply = (Action.Apply) action;
      Instance current = pending.containsKey(apply.instanceId()) ? pending.get(apply.instanceId())
          : get(apply.instanceId()).orElse(null);
      if (current == null) {
        illegal.put(apply.instanceId(), "unknown instance");
        continue;
      }
      Backoff backoff = specs.apply(current.getRunSpecId()).map(Backoff::of).orElse(Backoff.DEFAULT);
      Transition transition = InstanceMachine.apply(current, apply.event(), backoff);
      if (transition.illegal().isPresent()) {
        LOG.warn("illegal transition of {} in state {} on {}: {}", apply.instanceId(), current.getState(),
            eventName(apply.event()), transition.illegal().get());
        illegal.put(apply.instanceId(), transition.illegal().get());
        continue;
      }
      effects.addAll(transition.effects());
      if (transition.changed()) {
        pending.put(apply.instanceId(), transition.instance());
        applied.put(apply.instanceId(), transition);
        for (SideEffect effect : transition.effects()) {
          if (effect instanceof SideEffect.RecordGarbage record) {
            garbage.computeIfAbsent(apply.instanceId(), id -> new ArrayList<>()).add(record.garbage());
          }
        }
      }
    }
    boolean conflicted = !write(pending, garbage, raiseFenceTo);
    return new Outcome(conflicted ? Map.of() : applied, conflicted ? List.of() : effects, illegal, conflicted);
  }

  private boolean write(Map<String, Instance> pending, Map<String, List<Garbage>> garbage, long raiseFenceTo) {
    InstanceStore.Fence raise = raiseFenceTo > fence.value()
        ? new InstanceStore.Fence(raiseFenceTo, fence.modRevision()) : null;
    if (pending.isEmpty() && raise == null) {
      return true;
    }
    List<InstanceStore.Write> writes = new ArrayList<>();
    pending.forEach((id, value) -> writes.add(new InstanceStore.Write(id,
        Optional.ofNullable(instances.get(id)).map(Versioned::modRevision).orElse(0L), value)));
    InstanceStore.Committed committed;
    try {
      committed = store.commit(writes, garbage, raise);
    } catch (RuntimeException e) {
      stale = true;
      throw e;
    }
    committed.revisions().forEach((id, revision) ->
        instances.put(id, new Versioned<>(id, pending.get(id), revision)));
    if (committed.conflicts().isEmpty()) {
      if (raise != null) {
        fence = new Versioned<>("", raiseFenceTo, committed.revision());
      }
      return true;
    }
    // Someone else wrote our keys (a second reservation-service, or a write we thought had failed): re-read it all.
    LOG.warn("{} instance writes lost a compare-and-swap; reloading instances from etcd", committed.conflicts().size());
    load();
    return false;
  }

  /**
   * volume-gc-service cleaned what it names: those garbage records go, and so do the instances whose own
   * reservation it cleaned, if they are still decommissioned and can run no task. A deposed leader (an older fence)
   * is refused. False when an instance or the fence changed meanwhile: nothing was written, the cache is re-read,
   * and volume-gc-service asks again on its next pass.
   */
  boolean expunge(List<Cleaned> cleaned, long fence) {
    if (stale) {
      load();
    }
    Versioned<Long> gcFence = store.gcFence();
    if (fence < gcFence.value()) {
      throw Errors.conflict("fenced: " + fence + " is older than volume-gc-service's fence " + gcFence.value());
    }
    List<Cleaned> records = cleaned.stream().filter(c -> !c.getGarbageId().isEmpty()).toList();
    Map<String, Long> expunged = new HashMap<>();
    for (Cleaned c : cleaned) {
      Versioned<Instance> current = instances.get(c.getInstanceId());
      if (c.getGarbageId().isEmpty() && current != null && GarbageView.isGarbage(current.value())) {
        expunged.put(c.getInstanceId(), current.modRevision());
      }
    }
    boolean done;
    try {
      done = store.expunge(records, expunged, new InstanceStore.Fence(fence, gcFence.modRevision()));
    } catch (RuntimeException e) {
      stale = true;
      throw e;
    }
    if (done) {
      expunged.keySet().forEach(instances::remove);
    } else {
      load();
    }
    return done;
  }

  private static String eventName(InstanceEvent event) {
    return event.getClass().getSimpleName();
  }
}
