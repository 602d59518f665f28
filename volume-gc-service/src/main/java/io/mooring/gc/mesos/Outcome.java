package io.mooring.gc.mesos;

/** What the master made of a reservation or volume write (DESTROY_VOLUMES, UNRESERVE_RESOURCES, ...). */
public sealed interface Outcome {

  /** 202: the master applied the operation (speculatively; the agent checkpoints it next). */
  record Accepted() implements Outcome {}

  /**
   * Any other 4xx: 400 for an unknown agent or an invalid operation (a volume already destroyed: "Persistent volumes
   * not found"), 401, 403, ... Retrying the same call will not help.
   */
  record Refused(int status, String message) implements Outcome {}

  /**
   * A task holds the resources or they are not available: a 409, or the 400 "Persistent volumes in use" that Mesos
   * gives a DESTROY of a volume in use. Retry later; never force.
   */
  record Conflict(String message) implements Outcome {}

  /** 5xx (503 while a master recovers), or no leader found within the redirect limit: not applied, retry. */
  record Unavailable(String message) implements Outcome {}

  /** No answer (I/O error, timeout, interruption) or an unexpected one: the call may or may not have been applied. */
  record Unknown(String message) implements Outcome {}
}
