package io.mooring.offer.mesos;

import io.mooring.mesos.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * HTTP to {@code /api/v1/scheduler}, protobuf both ways. HTTP/1.1 on purpose: the subscription holds its own
 * connection and every other call goes on another one, as Mesos requires (HTTP/2 would multiplex them).
 */
final class SchedulerHttp {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Until the response headers arrive; a subscription's body is then read for as long as it lasts. */
  static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(CONNECT_TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER) // a 307 changes which master we talk to: handled by the caller
      .build();
  private final String authorization;

  SchedulerHttp(MesosSettings settings) {
    this.authorization = settings.secret().isEmpty() ? null : "Basic " + Base64.getEncoder()
        .encodeToString((settings.principal() + ":" + settings.secret()).getBytes(StandardCharsets.UTF_8));
  }

  /** SUBSCRIBE: on 200 the body is the never-ending RecordIO event stream. */
  HttpResponse<InputStream> subscribe(URI endpoint, Call call) throws IOException, InterruptedException {
    return client.send(request(endpoint, call).build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  /** Any other call, on the subscription named by the stream id; Mesos answers 202 with an empty body. */
  HttpResponse<String> post(URI endpoint, String streamId, Call call) throws IOException, InterruptedException {
    HttpRequest request = request(endpoint, call).header("Mesos-Stream-Id", streamId).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(URI endpoint, Call call) {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
        .timeout(RESPONSE_TIMEOUT)
        .header("Content-Type", MediaTypes.PROTOBUF) // compared by exact string equality: no charset
        .header("Accept", MediaTypes.PROTOBUF)
        .POST(HttpRequest.BodyPublishers.ofByteArray(call.toByteArray()));
    if (authorization != null) request.header("Authorization", authorization);
    return request;
  }

  /** A refusal's body for a log line: short, one line. */
  static String abbreviate(String body) {
    String line = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return line.length() <= 300 ? line : line.substring(0, 300) + "...";
  }

  /** Reads a little of a refused subscription's body for the log, and releases the connection. */
  static String drain(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      return abbreviate(new String(in.readNBytes(1024), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return "";
    }
  }
}
