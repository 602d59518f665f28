package io.mooring.model;

import com.google.protobuf.Value;
import java.util.OptionalDouble;

/**
 * One resource limit (ResourceLimits.cpus or .mem) as a run spec keeps it, Marathon's way: a number, or the string
 * "unlimited"; and as Mesos takes it (TaskInfo.limits), where infinity means no limit.
 */
public final class ResourceLimitValues {
  public static final String UNLIMITED = "unlimited";

  private ResourceLimitValues() {}

  /** The Mesos limit: the number, infinity for "unlimited"; empty for no limit or for what is neither. */
  public static OptionalDouble mesos(Value limit) {
    if (limit.hasNumberValue()) {
      return OptionalDouble.of(limit.getNumberValue());
    }
    if (limit.hasStringValue() && limit.getStringValue().equals(UNLIMITED)) {
      return OptionalDouble.of(Double.POSITIVE_INFINITY);
    }
    return OptionalDouble.empty();
  }
}
