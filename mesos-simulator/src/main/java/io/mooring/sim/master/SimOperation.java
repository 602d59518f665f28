package io.mooring.sim.master;

import org.apache.mesos.v1.Protos.OperationStatus;

/** An operation status the agent resends until the framework acknowledges it (10 s, doubling to 10 min). */
final class SimOperation {
  final String frameworkId;
  final OperationStatus latest;
  long nextRetryAtMillis;
  long retryDelayMillis;

  SimOperation(String frameworkId, OperationStatus latest) {
    this.frameworkId = frameworkId;
    this.latest = latest;
  }

  String key() {
    return key(frameworkId, latest.getOperationId().getValue());
  }

  static String key(String frameworkId, String operationId) {
    return frameworkId + " " + operationId;
  }
}
