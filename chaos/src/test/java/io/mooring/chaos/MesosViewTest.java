package io.mooring.chaos;

import io.mooring.model.ReservationLabels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.chaos.MesosView.Reserved;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MesosViewTest {
  private static final String LABELS = """
      {"labels":[{"key":"marathon_framework_id","value":"f"},{"key":"marathon_task_id","value":"a.instance-1"},
        {"key":"mooring_claim_id","value":"a.instance-1._app.1"}]}""";
  private static final String VOLUME = """
      {"name":"disk","type":"SCALAR","scalar":{"value":1.0},
       "disk":{"persistence":{"id":"a#data#1","principal":"mooring"},"volume":{"container_path":"data","mode":"RW"}},
       "reservations":[{"principal":"mooring","labels":%s,"role":"mooring","type":"DYNAMIC"}]}""".formatted(LABELS);
  private static final String CPUS = """
      {"name":"cpus","type":"SCALAR","scalar":{"value":0.5},
       "reservations":[{"principal":"other","role":"mooring","type":"DYNAMIC"},
                       {"principal":"mooring","labels":%s,"role":"mooring","type":"DYNAMIC"}]}""".formatted(LABELS);
  private static final String STATE = """
      {"slaves":[{"id":"agent-1","reserved_resources_full":{"mooring":[%s,%s]}},
                 {"id":"agent-2","reserved_resources_full":{}}],
       "frameworks":[{"tasks":[{"id":"a.instance-1._app.1","state":"TASK_RUNNING","slave_id":"agent-1",
                                "resources_full":[%s,%s]},
                               {"id":"other","state":"TASK_FINISHED","slave_id":"agent-2"}],
                      "unreachable_tasks":[{"id":"a.instance-1._app.0","state":"TASK_UNREACHABLE",
                                            "slave_id":"agent-2","resources_full":[%s]}]},
                     {"tasks":[]}]}""".formatted(CPUS, VOLUME, CPUS, VOLUME, CPUS);

  private final MesosView view = MesosView.parse(STATE);

  @Test
  void everyRegisteredAgentIsKnownEvenWithoutReservations() {
    assertEquals(Set.of("agent-1", "agent-2"), view.agentIds());
  }

  @Test
  void aReservedVolumeCarriesItsPersistenceIdAndItsLastReservationsLabels() {
    Reserved volume = view.reserved().get(1);
    assertEquals(List.of("cpus", "disk"), view.reserved().stream().map(Reserved::name).toList());
    assertEquals("agent-1", volume.agentId());
    assertEquals("a#data#1", volume.persistenceId());
    assertTrue(volume.isVolume());
    assertEquals(Map.of(ReservationLabels.FRAMEWORK, "f", ReservationLabels.INSTANCE, "a.instance-1",
        ReservationLabels.CLAIM, "a.instance-1._app.1"), volume.labels());
    assertEquals("a.instance-1", volume.instanceId());
    assertEquals("a.instance-1._app.1", volume.claimId());
    assertTrue(volume.json().contains("\"container_path\":\"data\""), volume.json());
  }

  @Test
  void aResourceReservedTwiceIsLabelledByItsLastReservation() {
    Reserved cpus = view.reserved().get(0);
    assertFalse(cpus.isVolume());
    assertEquals("", cpus.persistenceId());
    assertEquals("a.instance-1._app.1", cpus.claimId());
  }

  @Test
  void aTaskIsNamedByItsResourcesInstanceLabelAndUsesTheirVolumes() {
    MesosView.Task task = view.tasks().get(0);
    assertEquals("a.instance-1._app.1", task.id());
    assertEquals("agent-1", task.agentId());
    assertEquals("a.instance-1", task.instanceId());
    assertEquals(Set.of("a#data#1"), task.persistenceIds());
    assertTrue(task.live());
  }

  @Test
  void aTaskWithoutResourcesBelongsToNoInstance() {
    MesosView.Task task = view.tasks().get(1);
    assertEquals("", task.instanceId());
    assertEquals(Set.of(), task.persistenceIds());
    assertFalse(task.live());
  }

  @Test
  void unreachableTasksAreReadToo() {
    assertEquals(List.of("a.instance-1._app.1", "other", "a.instance-1._app.0"),
        view.tasks().stream().map(MesosView.Task::id).toList());
    assertEquals("a.instance-1", view.tasks().get(2).instanceId());
    assertTrue(view.tasks().get(2).live());
  }

  @ParameterizedTest(name = "{0} live: {1}")
  @CsvSource({"TASK_STAGING,true", "TASK_STARTING,true", "TASK_RUNNING,true", "TASK_KILLING,true",
      "TASK_FINISHED,false", "TASK_FAILED,false", "TASK_KILLED,false", "TASK_LOST,true", "TASK_GONE,false",
      "TASK_UNREACHABLE,true", "TASK_UNKNOWN,true", "TASK_DROPPED,false", "TASK_ERROR,false",
      "TASK_GONE_BY_OPERATOR,false"})
  void onlyTasksThatRunOrMayStillRunAreLive(String state, boolean live) {
    assertEquals(live, new MesosView.Task("t", state, "agent-1", "a.instance-1", Set.of()).live());
  }
}
