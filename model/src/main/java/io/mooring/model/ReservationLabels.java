package io.mooring.model;

/**
 * The labels of every reservation Mooring makes. Marathon's two keep Marathon's names and meaning, so that
 * reservations are recognised across the two (as in Marathon 1.11); the claim label is Mooring's own.
 */
public final class ReservationLabels {
  /** The framework that reserved the resource: another framework's resources are never ours. */
  public static final String FRAMEWORK = "marathon_framework_id";
  /** The instance the resource is reserved for (Marathon's name; its value is the instance id). */
  public static final String INSTANCE = "marathon_task_id";
  /**
   * The claim that reserved it (the claim's first task id): an expired claim's leftovers and the instance's later
   * reservation on the same agent are then different resources to Mesos, and to the garbage collector.
   */
  public static final String CLAIM = "mooring_claim_id";

  private ReservationLabels() {}
}
