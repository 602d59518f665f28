package io.mooring.reservation.core;

import io.mooring.proto.v1.Instance;
import java.util.List;
import java.util.Optional;

/** What one step of the table makes of an instance; {@link InstanceMachine} turns it into a {@link Transition}. */
record Outcome(Instance instance, List<SideEffect> effects, Optional<String> illegal) {
  static Outcome to(Instance instance) {
    return new Outcome(instance, List.of(), Optional.empty());
  }

  static Outcome to(Instance instance, SideEffect effect) {
    return new Outcome(instance, List.of(effect), Optional.empty());
  }

  static Outcome refused(Instance current, String why) {
    return new Outcome(current, List.of(), Optional.of(why));
  }
}
