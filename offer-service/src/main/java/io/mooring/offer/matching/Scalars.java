package io.mooring.offer.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * Scalar arithmetic in Mesos' fixed point (three decimals), so that 4 - 0.1 - 0.1 - ... never leaves a remainder
 * that Mesos would see as slightly less than what we ask for.
 */
final class Scalars {
  private Scalars() {}

  static long millis(double value) {
    return Math.round(value * 1000);
  }

  static long millis(Resource r) {
    return millis(r.getScalar().getValue());
  }

  static Resource withMillis(Resource r, long millis) {
    return r.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(millis / 1000.0)).build();
  }

  /**
   * Takes {@code amount} from the candidates in their order, splitting across them if needed; each piece keeps its
   * resource's identity (reservations, allocation, disk). Empty when they do not hold enough; no pieces for 0.
   */
  static Optional<List<Resource>> take(List<Resource> candidates, double amount) {
    long wanted = millis(amount);
    List<Resource> pieces = new ArrayList<>();
    for (Resource candidate : candidates) {
      if (wanted <= 0) break;
      long piece = Math.min(wanted, millis(candidate));
      if (piece <= 0) continue;
      pieces.add(withMillis(candidate, piece));
      wanted -= piece;
    }
    return wanted > 0 ? Optional.empty() : Optional.of(List.copyOf(pieces));
  }
}
