package io.mooring.gc.mesos;

/** A read call of the operator API failed; the message fits one log line and never holds the secret. */
public final class OperatorException extends Exception {
  public OperatorException(String message) {
    super(message);
  }

  public OperatorException(String message, Throwable cause) {
    super(message, cause);
  }
}
