package io.mooring.gc.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.mooring.mesos.MediaTypes;
import io.mooring.mesos.RecordIo;
import io.mooring.sim.Simulator;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * Just enough of a scheduler to run a task on a reservation, so that the operator API has something in use to refuse:
 * SUBSCRIBE, offers kept as they arrive, one ACCEPT [LAUNCH]. Updates are not acknowledged: the master's view of the
 * task runs ahead of ours, and the master's view is what matters here.
 */
final class TestFramework implements AutoCloseable {
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI url;
  private final List<Offer> offers = new CopyOnWriteArrayList<>();
  private final InputStream stream;
  private final String streamId;
  private volatile FrameworkID frameworkId;

  TestFramework(Simulator sim) throws Exception {
    url = URI.create(sim.url() + "/api/v1/scheduler");
    FrameworkInfo.Builder info = FrameworkInfo.newBuilder().setUser("nobody").setName("gc-test")
        .addRoles(Reservations.ROLE).setPrincipal(Reservations.PRINCIPAL)
        .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
        .addCapabilities(FrameworkInfo.Capability.newBuilder()
            .setType(FrameworkInfo.Capability.Type.RESERVATION_REFINEMENT));
    Call subscribe = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info)).build();
    HttpResponse<InputStream> response = http.send(request(subscribe).header("Accept", MediaTypes.PROTOBUF).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    streamId = response.headers().firstValue("Mesos-Stream-Id").orElseThrow();
    stream = response.body();
    Thread reader = new Thread(this::read, "gc-test-framework");
    reader.setDaemon(true);
    reader.start();
  }

  private void read() {
    RecordIo.Reader reader = new RecordIo.Reader(stream, 16 * 1024 * 1024);
    try {
      for (byte[] record = reader.next(); record != null; record = reader.next()) {
        Event event = Event.parseFrom(record);
        if (event.getType() == Event.Type.SUBSCRIBED) frameworkId = event.getSubscribed().getFrameworkId();
        if (event.getType() == Event.Type.OFFERS) offers.addAll(event.getOffers().getOffersList());
      }
    } catch (Exception e) {
      // the stream ended: the test is over, or will time out waiting for an offer
    }
  }

  /** The first offer that matches, waiting for it. */
  Offer offer(Predicate<Offer> matching) throws InterruptedException {
    long deadline = System.nanoTime() + Sims.TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (Offer offer : offers) if (matching.test(offer)) return offer;
      Thread.sleep(20);
    }
    fail("no matching offer within " + Sims.TIMEOUT + " among " + offers.size());
    return null;
  }

  /** ACCEPT [LAUNCH] of a task that sleeps on the given offered resources. */
  void launch(Offer offer, String taskId, List<Resource> resources) throws Exception {
    TaskInfo task = TaskInfo.newBuilder().setName(taskId).setTaskId(TaskID.newBuilder().setValue(taskId))
        .setAgentId(offer.getAgentId()).addAllResources(resources)
        .setCommand(CommandInfo.newBuilder().setShell(true).setValue("sleep 3600")).build();
    Call accept = Call.newBuilder().setType(Call.Type.ACCEPT).setFrameworkId(frameworkId)
        .setAccept(Call.Accept.newBuilder().addOfferIds(offer.getId()).addOperations(Offer.Operation.newBuilder()
            .setType(Offer.Operation.Type.LAUNCH).setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(task)))
            .setFilters(Filters.newBuilder().setRefuseSeconds(0)))
        .build();
    HttpResponse<String> response = http.send(request(accept).header("Mesos-Stream-Id", streamId).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(202, response.statusCode(), response.body());
  }

  private HttpRequest.Builder request(Call call) {
    return HttpRequest.newBuilder(url).timeout(Sims.TIMEOUT).header("Content-Type", MediaTypes.PROTOBUF)
        .POST(HttpRequest.BodyPublishers.ofByteArray(call.toByteArray()));
  }

  @Override
  public void close() throws Exception {
    stream.close();
  }
}
