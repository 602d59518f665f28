package io.mooring.sim.master;

import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OperationStatus;

/** An operation with an id: its latest status and whether that status awaits acknowledgement (and its retry). */
final class SimOperation {
  final Offer.Operation info;
  final String agentId;
  OperationStatus latest;
  boolean awaitingAck;
  long nextRetryAtMillis;
  long retryDelayMillis;

  SimOperation(Offer.Operation info, String agentId) {
    this.info = info;
    this.agentId = agentId;
  }
}
