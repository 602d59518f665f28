package io.mooring.chaos;

/**
 * A broken promise, with what shows it: the instance, its record as etcd holds it and the Mesos resources involved.
 */
record Violation(Kind kind, String instanceId, String what, String etcdRecord, String mesosResources) {
  enum Kind {
    /** Two live tasks of one instance, or one volume twice. */
    DUPLICATE,
    /** An instance nobody removed is gone, or its volume lost data. */
    LOST,
    /** A reservation or volume no instance owns, or a volume directory without its volume. */
    LEAKED,
    /** Not the state the user asked for when the round's time ran out. */
    UNCONVERGED
  }

  @Override
  public String toString() {
    return kind + " " + (instanceId.isEmpty() ? "" : instanceId + ": ") + what
        + "\n    etcd:  " + (etcdRecord.isEmpty() ? "(no record)" : etcdRecord)
        + "\n    mesos: " + (mesosResources.isEmpty() ? "(nothing)" : mesosResources);
  }
}
