package io.mooring.reservation.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.RunSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The instances of one test, changed only as the shell would: through actions and the state machine. */
final class Book {
  private final Map<String, Instance> instances = new LinkedHashMap<>();
  final List<SideEffect> effects = new ArrayList<>();

  Book(Collection<Instance> initial) {
    initial.forEach(this::put);
  }

  List<Instance> all() {
    return List.copyOf(instances.values());
  }

  Instance get(String instanceId) {
    return instances.get(instanceId);
  }

  void put(Instance instance) {
    instances.put(instance.getInstanceId(), instance);
  }

  /** Applies actions in order: the planner never emits one that the state machine refuses or that changes nothing. */
  void apply(List<Action> actions) {
    for (Action action : actions) {
      if (action instanceof Action.Create create) {
        assertFalse(instances.containsKey(create.instance().getInstanceId()), "created twice");
        put(create.instance());
      } else {
        Action.Apply apply = (Action.Apply) action;
        assertTrue(event(apply.instanceId(), apply.event()).changed(), () -> "changes nothing: " + apply);
      }
    }
  }

  Transition event(String instanceId, InstanceEvent event) {
    Transition transition = InstanceMachine.apply(instances.get(instanceId), event);
    assertTrue(transition.illegal().isEmpty(), () -> instanceId + ": " + transition.illegal().get());
    put(transition.instance());
    effects.addAll(transition.effects());
    return transition;
  }

  /** Plans, applies, and checks that planning again yields nothing. */
  List<Action> converge(Optional<RunSpec> spec, long nowMillis, IdSource ids) {
    List<Action> actions = Planner.plan(Fixtures.APP, spec, all(), "mooring", nowMillis, ids, Long.MAX_VALUE);
    apply(actions);
    List<Action> again = Planner.plan(Fixtures.APP, spec, all(), "mooring", nowMillis, ids, Long.MAX_VALUE);
    assertTrue(again.isEmpty(), () -> "planning again should yield nothing, got " + again);
    return actions;
  }
}
