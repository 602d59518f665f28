package io.mooring.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

class MesosJsonTest {
  @Test
  void roundTripsACallWithSnakeCaseNamesAndNumbersForUint64() throws Exception {
    Call call = Call.newBuilder()
        .setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(FrameworkInfo.newBuilder()
            .setUser("nobody").setName("mooring").addRoles("mooring").setFailoverTimeout(604800)
            .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))))
        .build();
    String json = MesosJson.print(call);
    assertTrue(json.contains("\"framework_info\""), json);
    assertTrue(json.contains("\"failover_timeout\":604800.0"), json);
    assertEquals(call, MesosJson.parse(json, Call.getDefaultInstance()));

    Resource ports = Resource.newBuilder().setName("ports").setType(Value.Type.RANGES)
        .setRanges(Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(31000).setEnd(32000))).build();
    assertEquals("{\"name\":\"ports\",\"type\":\"RANGES\",\"ranges\":{\"range\":[{\"begin\":31000,\"end\":32000}]}}",
        MesosJson.print(ports));
  }

  @Test
  void ignoresUnknownAndCamelCaseKeysAsMesosDoes() throws Exception {
    Call call = MesosJson.parse("{\"type\":\"REVIVE\",\"frameworkId\":{\"value\":\"x\"},\"revive\":{\"role\":\"a\"}}",
        Call.getDefaultInstance());
    assertEquals(Call.Type.REVIVE, call.getType());
    assertTrue(!call.hasFrameworkId());
    assertEquals(0, call.getRevive().getRolesCount());
  }

  @Test
  void refusesMissingRequiredFieldsUnknownEnumsAndWrongTypes() {
    var notInitialized = assertThrows(MesosJson.ParseException.class, () -> MesosJson.parse(
        "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"name\":\"x\"}}}", Call.getDefaultInstance()));
    assertTrue(notInitialized.getMessage().startsWith("Not initialized"), notInitialized.getMessage());
    assertThrows(MesosJson.ParseException.class, () -> MesosJson.parse("{\"type\":\"NOPE\"}", Call.getDefaultInstance()));
    assertThrows(MesosJson.ParseException.class, () -> MesosJson.parse("{\"type\":[1]}", Call.getDefaultInstance()));
    assertThrows(MesosJson.ParseException.class, () -> MesosJson.parse("[]", Call.getDefaultInstance()));
    assertThrows(MesosJson.ParseException.class, () -> MesosJson.parse("{", Call.getDefaultInstance()));
  }

  @Test
  void printsBytesAsBase64AndEventsRoundTrip() throws Exception {
    Event event = Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder().setStatus(
        org.apache.mesos.v1.Protos.TaskStatus.newBuilder()
            .setTaskId(org.apache.mesos.v1.Protos.TaskID.newBuilder().setValue("t"))
            .setState(org.apache.mesos.v1.Protos.TaskState.TASK_RUNNING)
            .setUuid(org.apache.mesos.protobuf.ByteString.copyFrom(new byte[] {1, 2, 3})))).build();
    String json = MesosJson.print(event);
    assertTrue(json.contains("\"uuid\":\"AQID\""), json);
    assertEquals(event, MesosJson.parse(json, Event.getDefaultInstance()));
  }
}
