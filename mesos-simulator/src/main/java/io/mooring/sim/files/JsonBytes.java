package io.mooring.sim.files;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * JSON written byte by byte the way the agent's writer (rapidjson without UTF-8 validation) writes it: quotes,
 * backslashes and control characters are escaped, every other byte goes out as it is. A read may cut a multi-byte
 * character in two; Mesos sends those bytes raw rather than replace them, and so does this.
 */
final class JsonBytes {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private final ByteArrayOutputStream out;

  JsonBytes(int expectedSize) {
    out = new ByteArrayOutputStream(expectedSize);
  }

  JsonBytes raw(String ascii) {
    out.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  JsonBytes string(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    return string(utf8, utf8.length);
  }

  /** The first {@code length} bytes as a JSON string. */
  JsonBytes string(byte[] bytes, int length) {
    out.write('"');
    for (int i = 0; i < length; i++) {
      int b = bytes[i] & 0xff;
      switch (b) {
        case '"' -> raw("\\\"");
        case '\\' -> raw("\\\\");
        case '\b' -> raw("\\b");
        case '\f' -> raw("\\f");
        case '\n' -> raw("\\n");
        case '\r' -> raw("\\r");
        case '\t' -> raw("\\t");
        default -> {
          if (b < 0x20) {
            raw("\\u00").out.write(HEX[b >> 4]);
            out.write(HEX[b & 0xf]);
          } else {
            out.write(b);
          }
        }
      }
    }
    out.write('"');
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
