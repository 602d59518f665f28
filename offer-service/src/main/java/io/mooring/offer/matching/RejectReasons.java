package io.mooring.offer.matching;

/** Why a run spec was not placed on an offer; the names are Marathon's NoOfferMatchReason values. */
public final class RejectReasons {
  public static final String NO_CORRESPONDING_RESERVATION_FOUND = "NoCorrespondingReservationFound";
  public static final String INSUFFICIENT_CPUS = "InsufficientCpus";
  public static final String INSUFFICIENT_MEMORY = "InsufficientMemory";
  public static final String INSUFFICIENT_DISK = "InsufficientDisk";
  public static final String INSUFFICIENT_GPUS = "InsufficientGpus";
  public static final String INSUFFICIENT_PORTS = "InsufficientPorts";
  public static final String UNFULFILLED_ROLE = "UnfulfilledRole";
  public static final String UNFULFILLED_CONSTRAINT = "UnfulfilledConstraint";
  /** A request without a spec, or a pod without containers: nothing this matcher can launch. */
  public static final String UNSUPPORTED_RUN_SPEC = "UnsupportedRunSpec";
  /** A persistent volume of the spec has no persistence id in instance.volumes: nothing to create it with. */
  public static final String MISSING_PERSISTENCE_ID = "MissingPersistenceId";

  private RejectReasons() {}
}
