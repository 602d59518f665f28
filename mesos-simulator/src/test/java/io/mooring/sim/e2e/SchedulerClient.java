package io.mooring.sim.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import io.mooring.mesos.MediaTypes;
import io.mooring.mesos.MesosJson;
import io.mooring.mesos.RecordIo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * A plain HTTP scheduler for tests: SUBSCRIBE on one connection read as RecordIO in the background, every other call
 * on its own request with the stream id — in protobuf or JSON.
 */
final class SchedulerClient implements AutoCloseable {
  private static final Event CLOSED = Event.newBuilder().setType(Event.Type.UNKNOWN).build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String url;
  private final MediaTypes.Encoding encoding;
  final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  final List<Event> seen = new ArrayList<>();
  String streamId;
  FrameworkID frameworkId;
  private InputStream stream;
  String authorization;

  SchedulerClient(String baseUrl, MediaTypes.Encoding encoding) {
    this.url = baseUrl + "/api/v1/scheduler";
    this.encoding = encoding;
  }

  /** Subscribes and waits for SUBSCRIBED; returns the HTTP status (events hold an ERROR if the master refused). */
  int subscribe(FrameworkInfo info) throws Exception {
    Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info));
    if (info.hasId()) call.setFrameworkId(info.getId());
    HttpRequest.Builder request = request(call.build()).header("Accept", encoding.mediaType);
    HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) return response.statusCode();
    streamId = response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
    stream = response.body();
    Thread reader = new Thread(() -> read(stream), "scheduler-stream");
    reader.setDaemon(true);
    reader.start();
    Event first = next(Duration.ofSeconds(10));
    if (first.getType() == Event.Type.SUBSCRIBED) frameworkId = first.getSubscribed().getFrameworkId();
    return 200;
  }

  private void read(InputStream in) {
    RecordIo.Reader reader = new RecordIo.Reader(in, 64 * 1024 * 1024);
    try {
      for (byte[] record = reader.next(); record != null; record = reader.next()) {
        events.add(encoding == MediaTypes.Encoding.JSON
            ? MesosJson.parse(new String(record, StandardCharsets.UTF_8), Event.getDefaultInstance())
            : Event.parseFrom(record));
      }
    } catch (Exception e) {
      // the stream ended or broke; CLOSED tells the test
    }
    events.add(CLOSED);
  }

  Event next(Duration timeout) throws InterruptedException {
    Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (e == null) fail("no event within " + timeout + "; seen " + seen.stream().map(Event::getType).toList());
    seen.add(e);
    return e;
  }

  /** The next event matching, skipping others (heartbeats, offers...). */
  Event await(Predicate<Event> matching, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) fail("no matching event within " + timeout + "; seen " + seen.stream().map(Event::getType).toList());
      Event e = next(Duration.ofNanos(left));
      if (e == CLOSED && !matching.test(e)) fail("stream closed while waiting; seen " + seen.stream().map(Event::getType).toList());
      if (matching.test(e)) return e;
    }
  }

  /** Fails if an event matching arrives within the time; other events are consumed. */
  void expectNone(Predicate<Event> matching, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    for (long left = within.toNanos(); left > 0; left = deadline - System.nanoTime()) {
      Event e = events.poll(left, TimeUnit.NANOSECONDS);
      if (e == null) return;
      seen.add(e);
      if (matching.test(e)) fail("unexpected " + e);
    }
  }

  boolean closed(Event e) {
    return e == CLOSED;
  }

  /** Posts a call with the stream id; returns the response. */
  HttpResponse<String> post(Call call) throws IOException, InterruptedException {
    HttpRequest.Builder request = request(call);
    if (streamId != null) request.header("Mesos-Stream-Id", streamId);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts and expects 202. */
  void send(Call call) throws IOException, InterruptedException {
    HttpResponse<String> response = post(call);
    if (response.statusCode() != 202) fail(call.getType() + " answered " + response.statusCode() + ": " + response.body());
  }

  Call.Builder call(Call.Type type) {
    return Call.newBuilder().setType(type).setFrameworkId(frameworkId);
  }

  private HttpRequest.Builder request(Call call) {
    byte[] body = encoding == MediaTypes.Encoding.JSON ? MesosJson.print(call).getBytes(StandardCharsets.UTF_8)
        : call.toByteArray();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", encoding.mediaType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) b.header("Authorization", authorization);
    return b;
  }

  @Override
  public void close() throws IOException {
    if (stream != null) stream.close();
  }
}
