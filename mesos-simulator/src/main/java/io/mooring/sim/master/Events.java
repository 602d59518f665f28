package io.mooring.sim.master;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import org.apache.mesos.protobuf.ByteString;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** Builders for scheduler events, in the shapes the Mesos master sends. */
final class Events {
  private Events() {}

  static Event subscribed(FrameworkID id, double heartbeatSeconds, MasterInfo master) {
    return Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
        .setFrameworkId(id).setHeartbeatIntervalSeconds(heartbeatSeconds).setMasterInfo(master)).build();
  }

  static Event heartbeat() {
    return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
  }

  static Event error(String message) {
    return Event.newBuilder().setType(Event.Type.ERROR).setError(Event.Error.newBuilder().setMessage(message)).build();
  }

  static Event offers(List<Offer> offers) {
    return Event.newBuilder().setType(Event.Type.OFFERS).setOffers(Event.Offers.newBuilder().addAllOffers(offers))
        .build();
  }

  static Event rescind(String offerId) {
    return Event.newBuilder().setType(Event.Type.RESCIND)
        .setRescind(Event.Rescind.newBuilder().setOfferId(OfferID.newBuilder().setValue(offerId))).build();
  }

  static Event update(TaskStatus status) {
    return Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder().setStatus(status)).build();
  }

  static Event operationUpdate(OperationStatus status) {
    return Event.newBuilder().setType(Event.Type.UPDATE_OPERATION_STATUS)
        .setUpdateOperationStatus(Event.UpdateOperationStatus.newBuilder().setStatus(status)).build();
  }

  static Event agentFailure(String agentId) {
    return Event.newBuilder().setType(Event.Type.FAILURE)
        .setFailure(Event.Failure.newBuilder().setAgentId(AgentID.newBuilder().setValue(agentId))).build();
  }

  static ByteString randomUuid() {
    UUID uuid = UUID.randomUUID();
    ByteBuffer bytes = ByteBuffer.allocate(16);
    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return ByteString.copyFrom(bytes.array());
  }
}
