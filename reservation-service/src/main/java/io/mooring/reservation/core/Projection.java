package io.mooring.reservation.core;

import io.mooring.proto.v1.Instance;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The planner's view of one run spec's instances as they will be once its actions are applied. Applying each action
 * to the view as it is decided keeps later rules consistent with earlier ones, and an action that would change
 * nothing (or that the state machine would refuse) is never emitted.
 */
final class Projection {
  private final Map<String, Instance> instances = new LinkedHashMap<>();
  private final List<Action> actions = new ArrayList<>();

  Projection(Collection<Instance> initial) {
    initial.forEach(instance -> instances.put(instance.getInstanceId(), instance));
  }

  List<Instance> instances() {
    return List.copyOf(instances.values());
  }

  List<Instance> matching(Predicate<Instance> predicate) {
    return instances.values().stream().filter(predicate).toList();
  }

  long count(Predicate<Instance> predicate) {
    return instances.values().stream().filter(predicate).count();
  }

  List<Action> actions() {
    return List.copyOf(actions);
  }

  int size() {
    return actions.size();
  }

  long created() {
    return actions.stream().filter(Action.Create.class::isInstance).count();
  }

  void create(Instance instance) {
    instances.put(instance.getInstanceId(), instance);
    actions.add(new Action.Create(instance));
  }

  void apply(Instance instance, InstanceEvent event) {
    Transition transition = InstanceMachine.apply(instances.get(instance.getInstanceId()), event);
    if (transition.illegal().isEmpty() && transition.changed()) {
      instances.put(instance.getInstanceId(), transition.instance());
      actions.add(new Action.Apply(instance.getInstanceId(), event));
    }
  }
}
