package io.mooring.reservation.core;

import io.mooring.proto.v1.Instance;
import java.util.List;
import java.util.Optional;

/**
 * The result of one event: the instance after it (the unchanged instance when nothing changed or the event was
 * illegal), the side effects, whether anything must be stored, and why the event was refused, if it was.
 */
public record Transition(Instance instance, List<SideEffect> effects, boolean changed, Optional<String> illegal) {
  public Transition {
    effects = List.copyOf(effects);
  }

  static Transition refused(Instance current, String why) {
    return new Transition(current, List.of(), false, Optional.of(why));
  }
}
