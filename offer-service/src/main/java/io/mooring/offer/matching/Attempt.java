package io.mooring.offer.matching;

import java.util.List;
import org.apache.mesos.v1.Protos.Resource;

/** The outcome of trying one launch request on what is left of an offer. */
sealed interface Attempt {
  /** Placed: the launch, and the pool resources (as offered) it consumes. */
  record Placed(Launch launch, List<Resource> consumed) implements Attempt {}

  record Rejected(String reason) implements Attempt {}

  static Attempt rejected(String reason) {
    return new Rejected(reason);
  }
}
