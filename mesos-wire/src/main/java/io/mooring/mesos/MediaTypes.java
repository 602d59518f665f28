package io.mooring.mesos;

import java.util.Optional;

/** The two media types of the Mesos v1 HTTP APIs. Mesos compares Content-Type by exact string equality. */
public final class MediaTypes {
  public static final String PROTOBUF = "application/x-protobuf";
  public static final String JSON = "application/json";

  private MediaTypes() {}

  /** The encoding a request body uses, or empty when Mesos would answer 415. */
  public static Optional<Encoding> ofContentType(String contentType) {
    if (PROTOBUF.equals(contentType)) return Optional.of(Encoding.PROTOBUF);
    if (JSON.equals(contentType)) return Optional.of(Encoding.JSON);
    return Optional.empty();
  }

  /**
   * The response encoding for an {@code Accept} header, as libprocess negotiates it: no header accepts all, JSON is
   * preferred when both are acceptable, empty when neither is (Mesos answers 406).
   */
  public static Optional<Encoding> negotiate(String accept) {
    if (accept == null || accept.isBlank()) return Optional.of(Encoding.JSON);
    boolean json = false;
    boolean protobuf = false;
    for (String part : accept.split(",")) {
      String type = part.split(";")[0].trim().toLowerCase();
      json |= type.equals(JSON) || type.equals("application/*") || type.equals("*/*");
      protobuf |= type.equals(PROTOBUF) || type.equals("application/*") || type.equals("*/*");
    }
    if (json) return Optional.of(Encoding.JSON);
    return protobuf ? Optional.of(Encoding.PROTOBUF) : Optional.empty();
  }

  public enum Encoding {
    PROTOBUF(MediaTypes.PROTOBUF),
    JSON(MediaTypes.JSON);

    public final String mediaType;

    Encoding(String mediaType) {
      this.mediaType = mediaType;
    }
  }
}
