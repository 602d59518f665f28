package io.mooring.sim.resources;

import java.math.BigDecimal;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/** A scalar in Mesos' fixed point (values.cpp): three decimal digits, kept as a long so sums never drift. */
record ScalarQuantity(long millis) implements Quantity {

  static ScalarQuantity of(double value) {
    return new ScalarQuantity(toMillis(value));
  }

  /** llround(value * 1000): rounds halves away from zero; NaN and infinities map to Long.MIN_VALUE as on x86. */
  static long toMillis(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) return Long.MIN_VALUE;
    double scaled = value * 1000;
    return scaled >= 0 ? Math.round(scaled) : -Math.round(-scaled);
  }

  /** The double nearest to millis / 1000, so 300 prints as 0.3. */
  static double toDouble(long millis) {
    return millis / 1000.0;
  }

  static String format(long millis) {
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
  }

  @Override
  public Quantity plus(Quantity other) {
    return new ScalarQuantity(millis + ((ScalarQuantity) other).millis);
  }

  @Override
  public Quantity minus(Quantity other) {
    return new ScalarQuantity(millis - ((ScalarQuantity) other).millis);
  }

  @Override
  public boolean contains(Quantity other) {
    return ((ScalarQuantity) other).millis <= millis;
  }

  @Override
  public boolean isEmpty() {
    return millis <= 0;
  }

  @Override
  public boolean isEncodedIn(Resource r) {
    return r.hasScalar() && !r.hasRanges() && !r.hasSet() && r.getScalar().getValue() == toDouble(millis);
  }

  @Override
  public void writeTo(Resource.Builder b) {
    b.clearRanges().clearSet().setScalar(Value.Scalar.newBuilder().setValue(toDouble(millis)));
  }

  @Override
  public String toString() {
    return format(millis);
  }
}
