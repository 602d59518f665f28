package io.mooring.sim.master;

import io.mooring.sim.resources.ResourceException;
import io.mooring.sim.resources.ResourceFormat;
import io.mooring.sim.resources.Resources;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.master.Protos.Call;
import org.apache.mesos.v1.master.Protos.Response;

/**
 * The operator API (POST /api/v1) on the master's thread. Reads answer 200 with a Response; reservation and volume
 * writes are validated (400), take back the outstanding offers that hold what they need, and answer 409 when running
 * tasks hold it, else apply the operation and answer 202.
 */
final class OperatorCalls {

  private final Cluster cluster;
  private final Views views;
  private final Conversions conversions;
  private final Agents agents;
  private final Subscriptions subscriptions;

  OperatorCalls(Cluster cluster, Views views, Conversions conversions, Agents agents, Subscriptions subscriptions) {
    this.cluster = cluster;
    this.views = views;
    this.conversions = conversions;
    this.agents = agents;
    this.subscriptions = subscriptions;
  }

  OperatorResult handle(Call call) {
    return switch (call.getType()) {
      case GET_HEALTH -> ok(Response.newBuilder().setType(Response.Type.GET_HEALTH)
          .setGetHealth(Response.GetHealth.newBuilder().setHealthy(true)));
      case GET_VERSION -> ok(Response.newBuilder().setType(Response.Type.GET_VERSION)
          .setGetVersion(Response.GetVersion.newBuilder().setVersionInfo(
              org.apache.mesos.v1.Protos.VersionInfo.newBuilder().setVersion(Master.VERSION))));
      case GET_MASTER -> ok(Response.newBuilder().setType(Response.Type.GET_MASTER)
          .setGetMaster(Response.GetMaster.newBuilder().setMasterInfo(cluster.masterInfo)
              .setStartTime(cluster.startedAtMillis / 1000.0).setElectedTime(cluster.electedAtMillis / 1000.0)));
      case GET_AGENTS -> ok(Response.newBuilder().setType(Response.Type.GET_AGENTS).setGetAgents(views.agents()));
      case GET_FRAMEWORKS -> ok(Response.newBuilder().setType(Response.Type.GET_FRAMEWORKS)
          .setGetFrameworks(views.frameworks()));
      case GET_TASKS -> ok(Response.newBuilder().setType(Response.Type.GET_TASKS).setGetTasks(views.tasks()));
      case GET_EXECUTORS -> ok(Response.newBuilder().setType(Response.Type.GET_EXECUTORS)
          .setGetExecutors(views.executors()));
      case GET_STATE -> ok(Response.newBuilder().setType(Response.Type.GET_STATE).setGetState(views.state()));
      case GET_ROLES -> ok(Response.newBuilder().setType(Response.Type.GET_ROLES).setGetRoles(views.roles()));
      case RESERVE_RESOURCES -> write(call.getReserveResources().getAgentId(), Offer.Operation.Type.RESERVE,
          call.getReserveResources().getResourcesList(), call.getReserveResources().getSourceList());
      case UNRESERVE_RESOURCES -> write(call.getUnreserveResources().getAgentId(), Offer.Operation.Type.UNRESERVE,
          call.getUnreserveResources().getResourcesList(), List.of());
      case CREATE_VOLUMES -> write(call.getCreateVolumes().getAgentId(), Offer.Operation.Type.CREATE,
          call.getCreateVolumes().getVolumesList(), List.of());
      case DESTROY_VOLUMES -> write(call.getDestroyVolumes().getAgentId(), Offer.Operation.Type.DESTROY,
          call.getDestroyVolumes().getVolumesList(), List.of());
      case MARK_AGENT_GONE -> markGone(call.getMarkAgentGone().getAgentId());
      case TEARDOWN -> teardown(call.getTeardown().getFrameworkId().getValue());
      case UNKNOWN -> error(501, "Received an unexpected call type UNKNOWN");
      default -> error(501, call.getType() + " is not supported by the simulator");
    };
  }

  private OperatorResult write(AgentID agentId, Offer.Operation.Type type, List<Resource> raw, List<Resource> source) {
    SimAgent agent = cluster.agent(agentId);
    if (agent == null || agent.status == SimAgent.Status.UNREACHABLE || agent.status == SimAgent.Status.RECOVERING) {
      return error(400, "No agent found with specified ID");
    }
    List<Resource> resources;
    List<Resource> sources;
    try {
      resources = raw.stream().map(ResourceFormat::upgrade).toList();
      sources = source.stream().map(ResourceFormat::upgrade).toList();
    } catch (ResourceException e) {
      return error(400, "Invalid " + type + " operation on agent " + agent.id + ": " + e.getMessage());
    }
    Offer.Operation op = operation(type, resources);
    Conversions.Plan plan = conversions.plan(op, null, null, true, agent);
    if (plan.error() != null) return error(400, plan.error().replace("Invalid " + type + " operation: ",
        "Invalid " + type + " operation on agent " + agent.id + ": "));
    Conversions.Change change = plan.change();
    if (!sources.isEmpty()) change = new Conversions.Change(Resources.of(sources), change.converted(), change.resized());
    if (!takeBack(agent, change.consumed())) return error(409, "Insufficient resources");
    conversions.commit(agent, op, change);
    agent.checkpoint();
    return new OperatorResult(Reply.accepted(), null);
  }

  /**
   * http.cpp _operation: rescinds, one at a time, the agent's offers that hold part of what is needed until the
   * rescinded ones alone cover it (pessimistic: unoffered resources are not counted), recovering each with Filters(),
   * the default 5 s refusal, for its framework. Then the needed resources must all be unallocated, else 409.
   */
  private boolean takeBack(SimAgent agent, Resources needed) {
    Resources recovered = Resources.EMPTY;
    for (SimOffer offer : cluster.offersOn(agent.id)) {
      Resources held = offer.resources().unallocated();
      if (needed.minus(held).equals(needed)) continue;
      SimFramework framework = cluster.frameworks.get(offer.frameworkId());
      cluster.rescind(offer);
      if (framework != null) cluster.refuse(framework, offer.role(), offer.agentId(), held, 5.0);
      recovered = recovered.plus(held);
      if (recovered.contains(needed)) break;
    }
    return agent.available.contains(needed);
  }

  private static Offer.Operation operation(Offer.Operation.Type type, List<Resource> resources) {
    Offer.Operation.Builder b = Offer.Operation.newBuilder().setType(type);
    switch (type) {
      case RESERVE -> b.setReserve(Offer.Operation.Reserve.newBuilder().addAllResources(resources));
      case UNRESERVE -> b.setUnreserve(Offer.Operation.Unreserve.newBuilder().addAllResources(resources));
      case CREATE -> b.setCreate(Offer.Operation.Create.newBuilder().addAllVolumes(resources));
      default -> b.setDestroy(Offer.Operation.Destroy.newBuilder().addAllVolumes(resources));
    }
    return b.build();
  }

  private OperatorResult markGone(AgentID agentId) {
    SimAgent agent = cluster.agent(agentId);
    if (agent == null) {
      return cluster.goneAgents.containsKey(agentId.getValue()) ? new OperatorResult(Reply.ok(), null)
          : error(404, "Agent " + agentId.getValue() + " not found");
    }
    agents.markGone(agent);
    return new OperatorResult(Reply.ok(), null);
  }

  private OperatorResult teardown(String frameworkId) {
    SimFramework framework = cluster.frameworks.get(frameworkId);
    if (framework == null) return error(400, "No framework found with specified ID");
    subscriptions.remove(framework);
    return new OperatorResult(Reply.ok(), null);
  }

  private static OperatorResult ok(Response.Builder response) {
    return new OperatorResult(Reply.ok(), response.build());
  }

  private static OperatorResult error(int status, String message) {
    return new OperatorResult(new Reply(status, message), null);
  }
}
