package io.mooring.chaos;

import com.google.protobuf.TextFormat;
import io.mooring.proto.v1.Instance;
import java.util.List;
import java.util.Map;

/**
 * One look at the cluster, in the order that keeps it honest: Mesos first, then etcd, then the agents' disks. A claim
 * is stored before its ACCEPT can show anything in Mesos, and a record is expunged only after Mesos shows nothing of it,
 * so whatever Mesos showed is still accounted for in etcd when etcd is read after it.
 */
record Observation(MesosView mesos, EtcdView.Records etcd, Map<String, List<VolumeFiles.Dir>> volumes) {

  /** The instance's record, shortened for a report; "" when there is none. */
  String recordOf(String instanceId) {
    Instance instance = etcd.instances().get(instanceId);
    if (instance == null) {
      return "";
    }
    String text = TextFormat.shortDebugString(instance);
    return text.length() > 1500 ? text.substring(0, 1500) + "..." : text;
  }

  /** The Mesos resources and tasks of the instance, as Mesos shows them. */
  String mesosOf(String instanceId) {
    StringBuilder out = new StringBuilder();
    mesos.tasks().stream().filter(t -> t.instanceId().equals(instanceId))
        .forEach(t -> out.append("\n      task ").append(t.id()).append(' ').append(t.state()).append(" on ")
            .append(t.agentId()).append(" volumes ").append(t.persistenceIds()));
    mesos.reserved().stream().filter(r -> r.instanceId().equals(instanceId))
        .forEach(r -> out.append("\n      ").append(r.agentId()).append(' ').append(r.json()));
    return out.toString();
  }
}
