package io.mooring.sim.agent;

import java.util.List;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * A container the master asks an agent to start.
 *
 * @param executorId the task id for a command task, the group's executor id for LAUNCH_GROUP
 * @param role the allocation role of the task's resources (MESOS_ALLOCATION_ROLE)
 * @param volumes the persistent volumes among the task and executor resources
 * @param agentEndpoint host:port reported as MESOS_AGENT_ENDPOINT
 */
public record LaunchRequest(
    String agentId, String frameworkId, String executorId, String role, List<TaskInfo> tasks, boolean taskGroup,
    boolean checkpoint, List<Resource> volumes, String agentEndpoint) {}
