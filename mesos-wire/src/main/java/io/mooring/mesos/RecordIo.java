package io.mooring.mesos;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Mesos RecordIO framing: {@code <decimal length>\n<bytes>} per record, no trailing newline. */
public final class RecordIo {
  /** Longest length prefix accepted: 20 digits hold any uint64. */
  private static final int MAX_DIGITS = 20;

  private RecordIo() {}

  public static byte[] frame(byte[] record) {
    byte[] prefix = (record.length + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] framed = new byte[prefix.length + record.length];
    System.arraycopy(prefix, 0, framed, 0, prefix.length);
    System.arraycopy(record, 0, framed, prefix.length, record.length);
    return framed;
  }

  /** Reads records one at a time; HTTP chunk boundaries are unrelated to record boundaries. */
  public static final class Reader {
    private final InputStream in;
    private final int maxRecordBytes;

    public Reader(InputStream in, int maxRecordBytes) {
      this.in = in;
      this.maxRecordBytes = maxRecordBytes;
    }

    /** The next record, or null at a clean end of stream. */
    public byte[] next() throws IOException {
      long length = 0;
      int digits = 0;
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          if (digits == 0) return null;
          throw new EOFException("stream ended inside a RecordIO length");
        }
        if (b < '0' || b > '9' || ++digits > MAX_DIGITS) throw new IOException("malformed RecordIO length");
        length = length * 10 + (b - '0');
      }
      if (digits == 0 || length == 0 || length > maxRecordBytes) {
        throw new IOException("RecordIO record length " + length + " out of range");
      }
      byte[] record = in.readNBytes((int) length);
      if (record.length < length) throw new EOFException("stream ended inside a RecordIO record");
      return record;
    }
  }

  /** Frames records into a byte stream (tests and tools). */
  public static byte[] concat(byte[]... records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] r : records) out.writeBytes(frame(r));
    return out.toByteArray();
  }
}
