package io.mooring.sim.master;

/** The HTTP answer to a call: a status code and a plain-text body (Mesos' error messages are plain text). */
public record Reply(int status, String body) {
  public static Reply accepted() {
    return new Reply(202, "");
  }

  public static Reply ok() {
    return new Reply(200, "");
  }

  public static Reply badRequest(String message) {
    return new Reply(400, message);
  }
}
