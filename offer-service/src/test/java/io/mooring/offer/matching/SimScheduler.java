package io.mooring.offer.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.mooring.mesos.MediaTypes;
import io.mooring.mesos.RecordIo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * A minimal protobuf scheduler for tests (the simulator's own test client, simplified): SUBSCRIBE read as RecordIO in
 * the background, every event kept so a test can wait for one without losing the others, every status update
 * acknowledged as it arrives (as offer-service does once it has recorded it).
 */
final class SimScheduler implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(20);

  private final HttpClient http = HttpClient.newHttpClient();
  private final String url;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private volatile InputStream stream;
  private String streamId;
  FrameworkID frameworkId;

  SimScheduler(String baseUrl) {
    this.url = baseUrl + "/api/v1/scheduler";
  }

  void subscribe(FrameworkInfo info) throws Exception {
    Call call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info)).build();
    HttpResponse<InputStream> response = http.send(request(call).header("Accept", MediaTypes.PROTOBUF).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    streamId = response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
    stream = response.body();
    Thread reader = new Thread(this::read, "sim-scheduler-stream");
    reader.setDaemon(true);
    reader.start();
    frameworkId = await(e -> e.getType() == Event.Type.SUBSCRIBED, 0).getSubscribed().getFrameworkId();
  }

  private void read() {
    RecordIo.Reader reader = new RecordIo.Reader(stream, 64 * 1024 * 1024);
    try {
      for (byte[] record = reader.next(); record != null; record = reader.next()) {
        Event event = Event.parseFrom(record);
        acknowledge(event);
        events.add(event);
      }
    } catch (Exception e) {
      // the stream ended: the test is over or will time out waiting
    }
  }

  private void acknowledge(Event event) throws IOException, InterruptedException {
    if (event.getType() == Event.Type.UPDATE && event.getUpdate().getStatus().hasUuid()) {
      var status = event.getUpdate().getStatus();
      send(call(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(status.getAgentId())
          .setTaskId(status.getTaskId()).setUuid(status.getUuid())).build());
    }
    if (event.getType() == Event.Type.UPDATE_OPERATION_STATUS
        && event.getUpdateOperationStatus().getStatus().hasUuid()) {
      var status = event.getUpdateOperationStatus().getStatus();
      send(call(Call.Type.ACKNOWLEDGE_OPERATION_STATUS).setAcknowledgeOperationStatus(
          Call.AcknowledgeOperationStatus.newBuilder().setAgentId(status.getAgentId())
              .setOperationId(status.getOperationId()).setUuid(status.getUuid().getValue())).build());
    }
  }

  /** How many events have arrived: a mark to wait for later ones. */
  /** The events received since {@code from} (a mark). */
  List<Event> since(int from) {
    return List.copyOf(events.subList(from, events.size()));
  }

  int mark() {
    return events.size();
  }

  /** The first event at or after {@code from} that matches, waiting for it. */
  Event await(Predicate<Event> matching, int from) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (int i = from; i < events.size(); i++) if (matching.test(events.get(i))) return events.get(i);
      Thread.sleep(20);
    }
    fail("no matching event within " + WAIT + "; got " + events.stream().map(Event::getType).toList());
    return null;
  }

  Call.Builder call(Call.Type type) {
    return Call.newBuilder().setType(type).setFrameworkId(frameworkId);
  }

  void send(Call call) throws IOException, InterruptedException {
    HttpRequest.Builder request = request(call);
    if (streamId != null) request.header("Mesos-Stream-Id", streamId);
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 202) {
      fail(call.getType() + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private HttpRequest.Builder request(Call call) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", MediaTypes.PROTOBUF).POST(HttpRequest.BodyPublishers.ofByteArray(call.toByteArray()));
  }

  @Override
  public void close() throws IOException {
    if (stream != null) stream.close();
  }
}
