package io.mooring.offer.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueMirrorTest {
  /** Requests as "key=value", ordered by key. */
  private final QueueMirror<String> mirror =
      new QueueMirror<>(request -> request.split("=")[0], Comparator.<String>naturalOrder());

  @Test
  void aResetIsGatheredAsideAndReplacesTheQueueOnceComplete() {
    mirror.apply(true, List.of("t1=a", "t2=a"), List.of(), true);

    assertEquals(false, mirror.apply(true, List.of("t2=b"), List.of(), false));
    assertEquals(List.of("t1=a", "t2=a"), mirror.values(), "half a reset is not seen");
    assertEquals(true, mirror.apply(false, List.of("t3=a"), List.of("t2"), true));
    assertEquals(List.of("t3=a"), mirror.values());
  }

  @Test
  void changesApplyByKeyInOrder() {
    mirror.apply(true, List.of("t2=a", "t1=a"), List.of(), true);

    assertEquals(false, mirror.apply(false, List.of("t2=b"), List.of("t1"), true), "no key appeared");
    assertEquals(true, mirror.apply(false, List.of("t0=a"), List.of("unknown"), true));
    assertEquals(List.of("t0=a", "t2=b"), mirror.values());
    assertEquals("t2=b", mirror.get("t2"));
    assertEquals(2, mirror.size());
  }
}
