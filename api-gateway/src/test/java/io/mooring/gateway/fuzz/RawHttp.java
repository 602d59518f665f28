package io.mooring.gateway.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A deliberately plain HTTP/1.1 client on a raw socket, one connection per request: unlike {@code java.net.http} it
 * sends whatever method, request target, headers and bytes it is given (raw UTF-8 in the path, duplicate or
 * contradictory headers, GET with a body), and it tells a response apart from a connection that was closed or reset
 * without one. The framing itself is always well formed (Content-Length or valid chunks), so the server always has a
 * complete request to answer.
 */
public final class RawHttp {
  /** The body is written on its own thread, so a server that answers before reading it all cannot deadlock us. */
  private static final ExecutorService WRITERS = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "fuzz-writer");
    thread.setDaemon(true);
    return thread;
  });
  private static final int MAX_RESPONSE = 64 * 1024 * 1024;

  private RawHttp() {}

  /** One header as sent; names may repeat. */
  public record Header(String name, String value) {
    @Override
    public String toString() {
      return name + ": " + value;
    }
  }

  /**
   * A request. {@code target} is the request target exactly as written on the request line (it may carry raw
   * non-ASCII characters, sent as UTF-8). Host and Connection: close are added; Content-Length too when
   * {@code body} is not null and {@code chunked} is false.
   */
  public record Request(String method, String target, List<Header> headers, byte[] body, boolean chunked) {
    public Optional<String> header(String name) {
      return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    public Request withHeaders(List<Header> replaced) {
      return new Request(method, target, List.copyOf(replaced), body, chunked);
    }

    public Request withBody(byte[] replaced) {
      return new Request(method, target, headers, replaced, chunked);
    }

    public Request withTarget(String replaced) {
      return new Request(method, replaced, headers, body, chunked);
    }

    public String bodyText() {
      return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }
  }

  /** A complete response. */
  public record Response(int status, List<Header> headers, byte[] body) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public Optional<String> header(String name) {
      return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }
  }

  /** No (complete) response: the connection was closed or reset first, or nothing came within the timeout. */
  public static final class NoResponse extends IOException {
    NoResponse(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static Response send(int port, Request request, Duration timeout) throws NoResponse {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      socket.setSoTimeout((int) timeout.toMillis());
      byte[] head = head(port, request);
      OutputStream out = socket.getOutputStream();
      var written = WRITERS.submit(() -> {
        try {
          out.write(head);
          if (request.body() != null) {
            if (request.chunked()) {
              writeChunked(out, request.body());
            } else {
              out.write(request.body());
            }
          }
          out.flush();
        } catch (IOException e) {
          // The server may answer (e.g. 413) and close before reading everything: its answer is what counts.
        }
        return null;
      });
      try {
        return read(socket.getInputStream(), request.method());
      } finally {
        written.cancel(true);
      }
    } catch (NoResponse e) {
      throw e;
    } catch (SocketTimeoutException e) {
      throw new NoResponse("no response within " + timeout.toSeconds() + " s", e);
    } catch (IOException e) {
      throw new NoResponse("connection failed: " + e, e);
    }
  }

  private static byte[] head(int port, Request request) {
    StringBuilder head = new StringBuilder();
    head.append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1:").append(port).append("\r\n");
    head.append("Connection: close\r\n");
    for (Header header : request.headers()) {
      head.append(header.name()).append(": ").append(header.value()).append("\r\n");
    }
    if (request.body() != null) {
      head.append(request.chunked() ? "Transfer-Encoding: chunked" : "Content-Length: " + request.body().length)
          .append("\r\n");
    }
    head.append("\r\n");
    return head.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void writeChunked(OutputStream out, byte[] body) throws IOException {
    int chunk = 8192;
    for (int at = 0; at < body.length; at += chunk) {
      int length = Math.min(chunk, body.length - at);
      out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, at, length);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private static Response read(InputStream in, String method) throws IOException {
    while (true) {
      String statusLine = line(in, true);
      String[] parts = statusLine.split(" ", 3);
      int status;
      try {
        status = Integer.parseInt(parts[1]);
      } catch (RuntimeException e) {
        throw new NoResponse("not an HTTP status line: " + statusLine, e);
      }
      List<Header> headers = new ArrayList<>();
      for (String line = line(in, false); !line.isEmpty(); line = line(in, false)) {
        int colon = line.indexOf(':');
        headers.add(new Header(line.substring(0, Math.max(colon, 0)).trim(), line.substring(colon + 1).trim()));
      }
      if (status >= 100 && status < 200) {
        continue;  // 100 Continue: the final answer follows
      }
      Response response = new Response(status, headers, new byte[0]);
      if (method.equalsIgnoreCase("HEAD") || status == 204 || status == 304) {
        return response;
      }
      if (status == 200 && response.header("Content-Type").map(v -> v.startsWith("text/event-stream"))
          .orElse(false)) {
        return response;  // an event stream never ends: its headers are the answer
      }
      if (response.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
          .orElse(false)) {
        return new Response(status, headers, chunked(in));
      }
      Optional<String> length = response.header("Content-Length");
      if (length.isPresent()) {
        int n = Integer.parseInt(length.get().trim());
        byte[] body = in.readNBytes(n);
        if (body.length < n) {
          throw new NoResponse("connection closed after " + body.length + " of " + n + " body bytes (status "
              + status + ")", null);
        }
        return new Response(status, headers, body);
      }
      return new Response(status, headers, in.readNBytes(MAX_RESPONSE));
    }
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in, false);
      int semicolon = size.indexOf(';');
      int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (length == 0) {
        while (!line(in, false).isEmpty()) {
          // trailers
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(length);
      if (chunk.length < length) {
        throw new NoResponse("connection closed inside a chunk", null);
      }
      body.write(chunk);
      line(in, false);
    }
  }

  private static String line(InputStream in, boolean first) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (first && line.size() == 0) {
          throw new NoResponse("connection closed without a response", new EOFException());
        }
        throw new NoResponse("connection closed inside the response head", new EOFException());
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
      if (line.size() > 1 << 20) {
        throw new NoResponse("response head line over 1 MiB", null);
      }
    }
  }
}
