package io.mooring.gc.core;

import io.mooring.mesos.ReservedResources;
import io.mooring.model.ReservationLabels;
import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.ReservedResource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.DiskInfo;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.Protos.Volume;
import org.apache.mesos.v1.master.Protos.Response;

/**
 * Mesos resources as GET_AGENTS shows them (reserved DYNAMIC for a role, labelled by Mooring, volumes on root, PATH
 * and MOUNT disks), agents, and garbage records as reservation-service stores them.
 */
final class Fixtures {
  private Fixtures() {}

  static final String ROLE = "mooring";
  static final String PRINCIPAL = "mooring-principal";
  static final String FW = "fw-0001";
  static final String OTHER_FW = "fw-0002";
  static final String PATH_ROOT = "/mnt/path0";
  static final String MOUNT_ROOT = "/mnt/disk0";

  // ---- labels -------------------------------------------------------------------------------------------------

  /** Mooring's three labels: framework, instance, claim (in the order offer-service sets them). */
  static Map<String, String> labels(String framework, String instance, String claim) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ReservationLabels.FRAMEWORK, framework);
    labels.put(ReservationLabels.INSTANCE, instance);
    labels.put(ReservationLabels.CLAIM, claim);
    return labels;
  }

  /** Marathon's two labels only, as reserved before claims were labelled. */
  static Map<String, String> legacy(String framework, String instance) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ReservationLabels.FRAMEWORK, framework);
    labels.put(ReservationLabels.INSTANCE, instance);
    return labels;
  }

  static ReservationInfo dynamic(String role, Map<String, String> labels) {
    ReservationInfo.Builder b = ReservationInfo.newBuilder().setType(ReservationInfo.Type.DYNAMIC).setRole(role)
        .setPrincipal(PRINCIPAL);
    if (!labels.isEmpty()) {
      Labels.Builder l = Labels.newBuilder();
      labels.forEach((k, v) -> l.addLabels(Label.newBuilder().setKey(k).setValue(v)));
      b.setLabels(l);
    }
    return b.build();
  }

  // ---- resources: reserved DYNAMIC for ROLE with the given labels ---------------------------------------------

  static Resource scalar(String name, double value) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
  }

  static Resource reserved(Resource r, Map<String, String> labels) {
    return r.toBuilder().addReservations(dynamic(ROLE, labels)).build();
  }

  static Resource cpus(double value, Map<String, String> labels) {
    return reserved(scalar("cpus", value), labels);
  }

  static Resource mem(double value, Map<String, String> labels) {
    return reserved(scalar("mem", value), labels);
  }

  static Resource ports(long begin, long end, Map<String, String> labels) {
    return reserved(unreservedPorts(begin, end), labels);
  }

  /** A plain reserved disk on the root disk: no DiskInfo at all. */
  static Resource disk(double value, Map<String, String> labels) {
    return reserved(scalar("disk", value), labels);
  }

  /** A plain reserved PATH disk: DiskInfo with its source only. */
  static Resource pathDisk(double value, Map<String, String> labels) {
    return reserved(onSource(scalar("disk", value), pathSource()), labels);
  }

  /** A plain reserved MOUNT disk: DiskInfo with its source only. */
  static Resource mountDisk(double value, Map<String, String> labels) {
    return reserved(onSource(scalar("disk", value), mountSource()), labels);
  }

  static Resource rootVolume(double value, String persistenceId, Map<String, String> labels) {
    return reserved(volume(scalar("disk", value), null, persistenceId), labels);
  }

  static Resource pathVolume(double value, String persistenceId, Map<String, String> labels) {
    return reserved(volume(scalar("disk", value), pathSource(), persistenceId), labels);
  }

  static Resource mountVolume(double value, String persistenceId, Map<String, String> labels) {
    return reserved(volume(scalar("disk", value), mountSource(), persistenceId), labels);
  }

  static Resource unreservedPorts(long begin, long end) {
    return Resource.newBuilder().setName("ports").setType(Value.Type.RANGES)
        .setRanges(Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(begin).setEnd(end)))
        .build();
  }

  /** As offered or allocated: with the allocation role. */
  static Resource allocated(Resource r) {
    return r.toBuilder().setAllocationInfo(Resource.AllocationInfo.newBuilder().setRole(ROLE)).build();
  }

  static List<Resource> allocated(List<Resource> resources) {
    return resources.stream().map(Fixtures::allocated).toList();
  }

  /** The deprecated fields the master's endpoint format sets beside {@code reservations}. */
  static Resource endpointFormat(Resource r) {
    ReservationInfo last = r.getReservations(r.getReservationsCount() - 1);
    return r.toBuilder().setRole(last.getRole())
        .setReservation(ReservationInfo.newBuilder().setPrincipal(last.getPrincipal()).setLabels(last.getLabels()))
        .build();
  }

  private static DiskInfo.Source pathSource() {
    return DiskInfo.Source.newBuilder().setType(DiskInfo.Source.Type.PATH)
        .setPath(DiskInfo.Source.Path.newBuilder().setRoot(PATH_ROOT)).build();
  }

  private static DiskInfo.Source mountSource() {
    return DiskInfo.Source.newBuilder().setType(DiskInfo.Source.Type.MOUNT)
        .setMount(DiskInfo.Source.Mount.newBuilder().setRoot(MOUNT_ROOT)).build();
  }

  private static Resource onSource(Resource r, DiskInfo.Source source) {
    return r.toBuilder().setDisk(DiskInfo.newBuilder().setSource(source)).build();
  }

  private static Resource volume(Resource r, DiskInfo.Source source, String persistenceId) {
    DiskInfo.Builder disk = DiskInfo.newBuilder()
        .setPersistence(DiskInfo.Persistence.newBuilder().setId(persistenceId).setPrincipal(PRINCIPAL))
        .setVolume(Volume.newBuilder().setContainerPath("data").setMode(Volume.Mode.RW));
    if (source != null) disk.setSource(source);
    return r.toBuilder().setDisk(disk).build();
  }

  @SafeVarargs
  static List<Resource> concat(List<Resource>... lists) {
    List<Resource> all = new ArrayList<>();
    for (List<Resource> l : lists) all.addAll(l);
    return List.copyOf(all);
  }

  // ---- agents -------------------------------------------------------------------------------------------------

  static Response.GetAgents.Agent agent(String id, boolean active, List<Resource> total, List<Resource> allocated) {
    return Response.GetAgents.Agent.newBuilder()
        .setAgentInfo(info(id)).setActive(active).setDeactivated(false).setVersion("1.11.0")
        .addAllTotalResources(total).addAllAllocatedResources(allocated).build();
  }

  static Response.GetAgents.Agent active(String id, List<Resource> total) {
    return agent(id, true, total, List.of());
  }

  static Response.GetAgents.Agent active(String id, List<Resource> total, List<Resource> allocated) {
    return agent(id, true, total, allocated);
  }

  /** Registered, but disconnected or unreachable. */
  static Response.GetAgents.Agent inactive(String id, List<Resource> total) {
    return agent(id, false, total, List.of());
  }

  static AgentInfo info(String id) {
    return AgentInfo.newBuilder().setId(AgentID.newBuilder().setValue(id)).setHostname("host-" + id).build();
  }

  static Response.GetAgents getAgents(List<Response.GetAgents.Agent> agents, String... recovered) {
    Response.GetAgents.Builder b = Response.GetAgents.newBuilder().addAllAgents(agents);
    Arrays.stream(recovered).forEach(id -> b.addRecoveredAgents(info(id)));
    return b.build();
  }

  static ClusterView cluster(Response.GetAgents.Agent... agents) {
    return ClusterView.of(getAgents(List.of(agents)));
  }

  // ---- records as reservation-service stores them -------------------------------------------------------------

  /** A reserved resource as reservation-service records it (offer-service maps it so at the claim). */
  static ReservedResource recorded(Resource r) {
    return ReservedResources.of(r);
  }

  static List<ReservedResource> recorded(List<Resource> resources) {
    return resources.stream().map(Fixtures::recorded).toList();
  }

  static Garbage garbage(String instanceId, String agentId, Garbage.Reason reason, List<Resource> reserved) {
    return Garbage.newBuilder().setInstanceId(instanceId).setAgentId(agentId).setReason(reason)
        .addAllResources(recorded(reserved)).setKey(instanceId + "/" + agentId + "/").build();
  }

  static Identity identityOf(Garbage garbage) {
    return Identity.of(garbage);
  }
}
