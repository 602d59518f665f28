package io.mooring.sim.files;

/** A refusal of the files API: the HTTP status and the plain-text body files.cpp answers with. */
final class FilesException extends Exception {
  private final int status;
  private final String body;

  private FilesException(int status, String body) {
    super(status + " " + body.strip(), null, false, false);
    this.status = status;
    this.body = body;
  }

  /** files.cpp answers NOT_FOUND with an empty body. */
  static FilesException notFound() {
    return new FilesException(404, "");
  }

  static FilesException badRequest(String body) {
    return new FilesException(400, body);
  }

  /** Mesos' InternalServerError: a file that resolved but could not be opened or read. */
  static FilesException internal(String body) {
    return new FilesException(500, body);
  }

  int status() {
    return status;
  }

  String body() {
    return body;
  }
}
