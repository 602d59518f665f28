package io.mooring.mesos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordIoTest {
  private static RecordIo.Reader reader(String s) {
    return new RecordIo.Reader(new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII)), 1024);
  }

  @Test
  void framesAndReadsRecordsBackToBack() throws IOException {
    byte[] stream = RecordIo.concat("{\"type\":\"HEARTBEAT\"}".getBytes(), "ab".getBytes());
    assertEquals("20\n{\"type\":\"HEARTBEAT\"}2\nab", new String(stream, StandardCharsets.US_ASCII));
    RecordIo.Reader in = new RecordIo.Reader(new ByteArrayInputStream(stream), 1024);
    assertArrayEquals("{\"type\":\"HEARTBEAT\"}".getBytes(), in.next());
    assertArrayEquals("ab".getBytes(), in.next());
    assertNull(in.next());
  }

  @Test
  void refusesMalformedFrames() {
    assertThrows(IOException.class, () -> reader("x\nab").next());
    assertThrows(IOException.class, () -> reader("0\n").next());
    assertThrows(IOException.class, () -> reader("5\nab").next());
    assertThrows(IOException.class, () -> reader("12").next());
    assertThrows(IOException.class, () -> reader("2048\n").next());
  }

  @Test
  void negotiatesLikeLibprocess() {
    assertEquals(MediaTypes.Encoding.JSON, MediaTypes.negotiate(null).orElseThrow());
    assertEquals(MediaTypes.Encoding.JSON, MediaTypes.negotiate("application/x-protobuf, application/json").orElseThrow());
    assertEquals(MediaTypes.Encoding.PROTOBUF, MediaTypes.negotiate("application/x-protobuf").orElseThrow());
    assertEquals(true, MediaTypes.negotiate("text/html").isEmpty());
    assertEquals(true, MediaTypes.ofContentType("application/json; charset=utf-8").isEmpty());
  }
}
