package io.mooring.acceptance;

import static io.mooring.acceptance.Moorings.app;
import static io.mooring.acceptance.Moorings.await;
import static io.mooring.acceptance.Moorings.awaitRunning;
import static io.mooring.acceptance.Moorings.persistenceId;
import static io.mooring.acceptance.Moorings.reservationsOf;
import static io.mooring.acceptance.Moorings.volumeDirectoryExists;
import static io.mooring.acceptance.Moorings.volumeFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.testkit.EtcdExtension;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * volume-gc-service killed -9 between DESTROY_VOLUMES and UNRESERVE_RESOURCES, and between UNRESERVE_RESOURCES and
 * the expunge: it resumes from what the agents show, leaves nothing behind, and touches nothing still wanted.
 */
class GcKillNineTest {
  @RegisterExtension static final EtcdExtension ETCD = new EtcdExtension();
  @RegisterExtension static final StackPerClass STACK = new StackPerClass(ETCD);
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String HELLO = "echo hello >> data/foo && sleep 3600";
  private static Stack stack;  // STACK's

  @Test
  void aCollectorKilledBetweenItsCallsConvergesAndNothingIsDestroyedTwiceOrWrongly() throws Exception {
    assertEquals(201, stack.post("/v2/apps", app("/victim", HELLO, 2)).status());
    assertEquals(201, stack.post("/v2/apps", app("/bystander", HELLO, 1)).status());
    List<String> victims = awaitRunning(stack, "/victim", 2).stream().map(Moorings::persistenceId).toList();
    JsonNode bystander = awaitRunning(stack, "/bystander", 1).get(0);
    String kept = persistenceId(bystander);
    await("the bystander's data", TIMEOUT, () -> Optional.of(volumeFile(stack, kept, "foo"))
        .filter(lines -> lines.size() == 1));

    // Every operator call now takes a while: the kills land while a call is in flight or just answered.
    stack.simulate("/sim/master/latency", "{\"ms\": 1500}");
    int before = logLines();
    assertEquals(200, stack.delete("/v2/apps/victim").status());
    awaitLog(before, "destroyed volumes", "victim.instance-");
    stack.gcService.kill9();  // the UNRESERVE of that instance is in flight or not sent
    before = logLines();
    stack.gcService.restart();
    awaitLog(before, "unreserved", "victim.instance-");
    stack.gcService.kill9();  // before the next look at the agents, so before the expunge
    before = logLines();
    stack.gcService.restart();
    stack.simulate("/sim/master/latency", "{\"ms\": 0}");

    await("nothing of /victim left", TIMEOUT, () -> reservationsOf(stack, "victim").isEmpty()
        && stack.get("/v2/deployments").json().isEmpty() ? Optional.of(true) : Optional.empty());
    for (String volume : victims) {
      assertFalse(volumeDirectoryExists(stack, volume), volume);
    }
    assertEquals(404, stack.get("/v2/apps/victim").status());
    String gcLog = stack.gcService.log();
    assertFalse(gcLog.contains("did not go through"), "no call was refused, so none was repeated:\n" + gcLog);
    for (String volume : victims) {
      assertTrue(gcLog.lines().filter(l -> l.contains("destroyed volumes") && l.contains(volume)).count() <= 1,
          volume + " destroyed once at most:\n" + gcLog);
    }

    assertEquals(1, awaitRunning(stack, "/bystander", 1).size());
    assertTrue(volumeDirectoryExists(stack, kept));
    assertEquals(List.of("hello"), volumeFile(stack, kept, "foo"), "the bystander's data is untouched");
    assertEquals(1, reservationsOf(stack, "bystander").stream().filter(r -> r.persistenceId() != null).count());
  }

  private static int logLines() throws Exception {
    return (int) stack.gcService.log().lines().count();
  }

  /** A line of volume-gc-service's log after the first {@code skip} lines, with both texts. */
  private static void awaitLog(int skip, String text, String id) throws Exception {
    await("volume-gc-service to log " + text, TIMEOUT, () -> stack.gcService.log().lines().skip(skip)
        .filter(l -> l.contains(text) && l.contains(id)).findFirst());
  }
}
