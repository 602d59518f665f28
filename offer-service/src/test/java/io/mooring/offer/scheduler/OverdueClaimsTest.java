package io.mooring.offer.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.Reservation;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverdueClaimsTest {
  private static final long T0 = 1_000_000;
  private final OverdueClaims claims = new OverdueClaims(30_000);

  private static Instance claim(String id, long deadline) {
    return Instance.newBuilder().setInstanceId(id)
        .setReservation(Reservation.newBuilder().setAgentId("a1").setDeadlineMillis(deadline)).build();
  }

  private List<String> due(long now, Instance... claimed) {
    return claims.due(List.of(claimed), now).stream().map(Instance::getInstanceId).toList();
  }

  @Test
  void aClaimIsAskedAboutOnceItsDeadlinePassedAndThenOnlyEveryRecheck() {
    Instance early = claim("early", T0);
    Instance late = claim("late", T0 + 20_000);

    assertEquals(List.of("early"), due(T0, early, late));
    assertEquals(List.of(), due(T0 + 5_000, early, late), "asked 5 s ago");
    assertEquals(List.of("late"), due(T0 + 20_000, early, late));
    assertEquals(List.of("early"), due(T0 + 30_000, early, late));
    assertEquals(List.of("late"), due(T0 + 50_000, early, late));
  }

  @Test
  void aClaimSettledMeanwhileIsForgottenAndAskedAboutAtOnceIfClaimedAgain() {
    Instance first = claim("i", T0);
    assertEquals(List.of("i"), due(T0, first));
    assertEquals(List.of(), due(T0 + 1_000), "settled: nothing overdue");

    assertEquals(List.of("i"), due(T0 + 2_000, claim("i", T0 + 2_000)), "a new claim past its deadline");
  }
}
