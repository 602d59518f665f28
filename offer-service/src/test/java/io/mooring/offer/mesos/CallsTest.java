package io.mooring.offer.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo.Capability.Type;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;

class CallsTest {
  private static MesosSettings settings(String principal) {
    return new MesosSettings(URI.create("http://m:5050"), "mooring", "stateful", principal, "", Duration.ofDays(7),
        "host-1", "http://ui", Duration.ofMillis(100), Duration.ofSeconds(10));
  }

  @Test
  void firstSubscriptionCarriesNoFrameworkIdAndUsesMultiRoleOnly() {
    Call call = Calls.subscribe(settings("p"), Optional.empty());
    FrameworkInfo info = call.getSubscribe().getFrameworkInfo();

    assertEquals(Call.Type.SUBSCRIBE, call.getType());
    assertFalse(call.hasFrameworkId());
    assertFalse(info.hasId());
    assertFalse(info.hasRole(), "MULTI_ROLE frameworks must not set the legacy role");
    assertEquals(List.of("stateful"), info.getRolesList());
    assertEquals(List.of(Type.MULTI_ROLE, Type.RESERVATION_REFINEMENT, Type.PARTITION_AWARE, Type.TASK_KILLING_STATE,
        Type.GPU_RESOURCES), info.getCapabilitiesList().stream().map(FrameworkInfo.Capability::getType).toList());
    assertEquals(7 * 24 * 3600.0, info.getFailoverTimeout());
    assertTrue(info.getCheckpoint());
    assertFalse(info.getUser().isEmpty());
    assertEquals("p", info.getPrincipal());
    assertEquals("host-1", info.getHostname());
    assertEquals("http://ui", info.getWebuiUrl());
    assertTrue(call.isInitialized());
  }

  @Test
  void resubscriptionCarriesTheIdTwiceAndNoEmptyPrincipal() {
    Call call = Calls.subscribe(settings(""), Optional.of("fw-1"));

    assertEquals("fw-1", call.getFrameworkId().getValue());
    assertEquals("fw-1", call.getSubscribe().getFrameworkInfo().getId().getValue());
    assertFalse(call.getSubscribe().getFrameworkInfo().hasPrincipal());
  }

  @Test
  void killWithAGracePeriodSetsAKillPolicy() {
    TaskID task = TaskID.newBuilder().setValue("t").build();

    assertEquals(3_000_000_000L, Calls.kill(task, null, 3).getKill().getKillPolicy().getGracePeriod().getNanoseconds());
    assertFalse(Calls.kill(task, null, 0).getKill().hasKillPolicy());
    assertFalse(Calls.kill(task, null, 0).getKill().hasAgentId());
  }

  @Test
  void reviveAndSuppressNameTheRole() {
    assertEquals(List.of("stateful"), Calls.revive("stateful").getRevive().getRolesList());
    assertEquals(List.of("stateful"), Calls.suppress("stateful").getSuppress().getRolesList());
  }

  @Test
  void settingsNeverPrintTheSecret() {
    MesosSettings settings = new MesosSettings(URI.create("http://m:5050"), "n", "r", "p", "hunter2", Duration.ZERO,
        null, null, Duration.ofMillis(1), Duration.ofMillis(1));

    assertFalse(settings.toString().contains("hunter2"));
    assertEquals("", settings.hostname());
  }
}
