package io.mooring.sim.resources;

/** A resource that Mesos would refuse; the message reads like the master's ("Resource '...' is invalid: ..."). */
public final class ResourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  public ResourceException(String message, String reason) {
    super(message);
    this.reason = reason;
  }

  public ResourceException(String reason) {
    this(reason, reason);
  }

  /** Mesos' bare reason, without the resource, e.g. "Invalid scalar resource: value <= 0". */
  public String reason() {
    return reason;
  }
}
