package io.mooring.sim.master;

import static io.mooring.sim.master.CallRulesTest.assertOutcome;
import static io.mooring.sim.master.OperationRulesTest.cpus;
import static io.mooring.sim.master.OperationRulesTest.disk;
import static io.mooring.sim.master.OperationRulesTest.mem;

import io.mooring.sim.master.OperationRulesTest.R;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ContainerInfo;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.HealthCheck;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven tests of {@link TaskRules}: LAUNCH tasks, LAUNCH_GROUP and task resources (spec §2.7). */
class TaskRulesTest {
  private static final String FW = "fw-1";
  private static final String AGENT = "agent-1";
  private static final CommandInfo TRUE = CommandInfo.newBuilder().setValue("true").build();

  // ------------------------------------------------------------------ TaskRules.task

  static Stream<Arguments> tasks() {
    ExecutorInfo custom = executor("e1", null).setCommand(TRUE).build();
    return Stream.of(
        taskRow("command task", t -> t, Set.of(), null, false, ""),
        taskRow("command task next to other tasks", t -> t, Set.of("t0", "t2"), null, false, ""),

        // task id
        taskRow("id with a slash", t -> t.setTaskId(tid("a/b")), Set.of(), null, false, "Task ID 'a/b' is invalid: "),
        taskRow("empty id", t -> t.setTaskId(tid("")), Set.of(), null, false,
            "Task ID '' is invalid: ID must not be empty"),
        taskRow("id '.'", t -> t.setTaskId(tid(".")), Set.of(), null, false, "Task ID '.' is invalid: "),
        taskRow("id with a control character", t -> t.setTaskId(tid("a\tb")), Set.of(), null, false, "is invalid: "),
        taskRow("duplicate of an active or unreachable task", t -> t, Set.of("t1"), null, false,
            "Task has duplicate ID: t1"),
        taskRow("an invalid id is reported before a duplicate", t -> t.setTaskId(tid("..")), Set.of(".."), null, false,
            "Task ID '..' is invalid: "),

        // agent
        taskRow("another agent", t -> t.setAgentId(aid("agent-2")), Set.of(), null, false,
            "Task uses agent agent-2 but the offer is for agent agent-1"),
        taskRow("a duplicate is reported before the agent", t -> t.setAgentId(aid("agent-2")), Set.of("t1"), null, false,
            "Task has duplicate ID: t1"),

        // kill policy and max completion time
        taskRow("kill policy grace period 0", t -> t.setKillPolicy(grace(0)), Set.of(), null, false, ""),
        taskRow("kill policy grace period 5 s", t -> t.setKillPolicy(grace(5_000_000_000L)), Set.of(), null, false, ""),
        taskRow("kill policy without grace period", t -> t.setKillPolicy(KillPolicy.newBuilder()), Set.of(), null, false,
            ""),
        taskRow("kill policy negative grace period", t -> t.setKillPolicy(grace(-1)), Set.of(), null, false,
            "Task's `kill_policy.grace_period` must be non-negative"),
        taskRow("max_completion_time 0", t -> t.setMaxCompletionTime(duration(0)), Set.of(), null, false, ""),
        taskRow("max_completion_time negative", t -> t.setMaxCompletionTime(duration(-1)), Set.of(), null, false,
            "Task's `max_completion_time` must be non-negative"),
        taskRow("a bad grace period is reported before a bad max_completion_time",
            t -> t.setKillPolicy(grace(-1)).setMaxCompletionTime(duration(-1)), Set.of(), null, false, "kill_policy"),

        // health check (common/validation.cpp validateHealthCheck)
        taskRow("HTTP health check with defaults", t -> t.setHealthCheck(http(h -> h)), Set.of(), null, false, ""),
        taskRow("COMMAND health check", t -> t.setHealthCheck(HealthCheck.newBuilder()
            .setType(HealthCheck.Type.COMMAND).setCommand(TRUE)), Set.of(), null, false, ""),
        taskRow("health check without type", t -> t.setHealthCheck(HealthCheck.newBuilder().setTcp(
            HealthCheck.TCPCheckInfo.newBuilder().setPort(80))), Set.of(), null, false,
            "Task uses invalid health check: HealthCheck must specify 'type'"),
        taskRow("health check of type UNKNOWN", t -> t.setHealthCheck(HealthCheck.newBuilder()
            .setType(HealthCheck.Type.UNKNOWN)), Set.of(), null, false,
            "Task uses invalid health check: 'UNKNOWN' is not a valid health check type"),
        taskRow("COMMAND health check without command", t -> t.setHealthCheck(HealthCheck.newBuilder()
            .setType(HealthCheck.Type.COMMAND)), Set.of(), null, false,
            "Task uses invalid health check: Expecting 'command' to be set for COMMAND health check"),
        taskRow("COMMAND health check without a value", t -> t.setHealthCheck(HealthCheck.newBuilder()
            .setType(HealthCheck.Type.COMMAND).setCommand(CommandInfo.newBuilder().setShell(false))), Set.of(), null,
            false, "Task uses invalid health check: Command health check must contain 'executable path'"),
        taskRow("TCP health check without tcp", t -> t.setHealthCheck(HealthCheck.newBuilder()
            .setType(HealthCheck.Type.TCP)), Set.of(), null, false,
            "Task uses invalid health check: Expecting 'tcp' to be set for TCP health check"),
        taskRow("HTTP health check with scheme ftp", t -> t.setHealthCheck(http(h -> h.setScheme("ftp"))), Set.of(),
            null, false, "Task uses invalid health check: Unsupported HTTP health check scheme: 'ftp'"),
        taskRow("HTTP health check with a relative path", t -> t.setHealthCheck(http(h -> h.setPath("ping"))),
            Set.of(), null, false,
            "Task uses invalid health check: The path 'ping' of HTTP health check must start with '/'"),
        taskRow("negative interval", t -> t.setHealthCheck(http(h -> h).toBuilder().setIntervalSeconds(-1)), Set.of(),
            null, false, "Task uses invalid health check: Expecting 'interval_seconds' to be non-negative"),
        taskRow("a bad health check is reported before the resources",
            t -> t.setHealthCheck(http(h -> h.setPath("x"))).clearResources(), Set.of(), null, false,
            "Task uses invalid health check: "),

        // resources
        taskRow("no resources", TaskInfo.Builder::clearResources, Set.of(), null, false, "Task uses no resources"),
        taskRow("no resources in a group", TaskInfo.Builder::clearResources, Set.of(), null, true,
            "Task uses no resources"),
        taskRow("invalid resource", t -> t.addResources(cpus(-1).alloc("eng").get()), Set.of(), null, false,
            "Invalid resources: "),
        taskRow("resources of two allocation roles", t -> t.addResources(disk(1).alloc("ops").get()), Set.of(), null,
            false, "The resources have multiple allocation roles"),
        taskRow("resources are checked before command/executor", t -> t.clearCommand().addResources(cpus(-1).get()),
            Set.of(), null, false, "Invalid resources: "),

        // command xor executor
        taskRow("neither command nor executor", TaskInfo.Builder::clearCommand, Set.of(), null, false,
            "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present"),
        taskRow("both command and executor", t -> t.setExecutor(custom), Set.of(), null, false,
            "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present"),
        taskRow("in a group: no command, the group's executor is checked by group()", TaskInfo.Builder::clearCommand,
            Set.of(), null, true, ""),
        taskRow("in a group: a DEFAULT executor is fine here",
            t -> t.clearCommand().setExecutor(executor("e1", ExecutorInfo.Type.DEFAULT)), Set.of(), null, true, ""),
        taskRow("in a group: task-level rules still apply", t -> t.setTaskId(tid("a/b")), Set.of(), null, true,
            "Task ID 'a/b' is invalid: "),

        // custom executor
        taskRow("custom executor without type", t -> t.clearCommand().setExecutor(custom), Set.of(), null, false, ""),
        taskRow("custom executor typed CUSTOM",
            t -> t.clearCommand().setExecutor(executor("e1", ExecutorInfo.Type.CUSTOM).setCommand(TRUE)), Set.of(), null,
            false, ""),
        taskRow("executor typed DEFAULT", t -> t.clearCommand().setExecutor(executor("e1", ExecutorInfo.Type.DEFAULT)),
            Set.of(), null, false, "'ExecutorInfo.type' must be 'CUSTOM'"),
        taskRow("executor typed UNKNOWN explicitly",
            t -> t.clearCommand().setExecutor(executor("e1", ExecutorInfo.Type.UNKNOWN).setCommand(TRUE)), Set.of(),
            null, false, "'ExecutorInfo.type' must be 'CUSTOM'"),
        taskRow("custom executor without command", t -> t.clearCommand().setExecutor(executor("e1", null)), Set.of(), null,
            false, "'ExecutorInfo.command' must be set for 'CUSTOM' executor"),
        taskRow("executor of this framework",
            t -> t.clearCommand().setExecutor(custom.toBuilder().setFrameworkId(fid(FW))), Set.of(), null, false, ""),
        taskRow("executor of another framework",
            t -> t.clearCommand().setExecutor(custom.toBuilder().setFrameworkId(fid("fw-2"))), Set.of(), null, false,
            "ExecutorInfo has an invalid FrameworkID (Actual: fw-2 vs Expected: fw-1)"),
        taskRow("the same ExecutorInfo as the running executor", t -> t.clearCommand().setExecutor(custom), Set.of(),
            custom, false, ""),
        taskRow("another ExecutorInfo under a running executor's id",
            t -> t.clearCommand().setExecutor(custom.toBuilder().setName("changed")), Set.of(), custom, false,
            "ExecutorInfo is not compatible with existing ExecutorInfo"),
        taskRow("another command under a running executor's id",
            t -> t.clearCommand().setExecutor(custom.toBuilder().setCommand(CommandInfo.newBuilder().setValue("x"))),
            Set.of(), custom, false, "ExecutorInfo is not compatible with existing ExecutorInfo"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tasks")
  void task(String description, TaskInfo task, Set<String> knownTaskIds, ExecutorInfo existing, boolean inGroup,
      String expected) {
    assertOutcome(expected, TaskRules.task(task, FW, AGENT, knownTaskIds::contains, existing, inGroup));
  }

  // ------------------------------------------------------------------ TaskRules.group

  static Stream<Arguments> groups() {
    List<R> enough = List.of(cpus(0.1), mem(32), disk(10));
    TaskInfo a = baseTask("a").build();
    TaskInfo b = baseTask("b").build();
    return Stream.of(
        groupRow("DEFAULT executor with enough resources", executor(ExecutorInfo.Type.DEFAULT, enough), List.of(a, b), ""),
        groupRow("exactly the minimum: 0.01 cpus, 32 mem, some disk",
            executor(ExecutorInfo.Type.DEFAULT, List.of(cpus(0.01), mem(32), disk(0.001))), List.of(a), ""),
        groupRow("CUSTOM executor with a command",
            executor(ExecutorInfo.Type.CUSTOM, enough).toBuilder().setCommand(TRUE).build(), List.of(a), ""),
        groupRow("no tasks", executor(ExecutorInfo.Type.DEFAULT, enough), List.of(), "Task group is empty"),
        groupRow("executor without type", executor(null, enough), List.of(a), "'ExecutorInfo.type' must be set"),
        groupRow("executor typed UNKNOWN", executor(ExecutorInfo.Type.UNKNOWN, enough), List.of(a),
            "Unknown executor type"),
        groupRow("CUSTOM executor without a command", executor(ExecutorInfo.Type.CUSTOM, enough), List.of(a),
            "'ExecutorInfo.command' must be set for 'CUSTOM' executor"),
        groupRow("DEFAULT executor with a command",
            executor(ExecutorInfo.Type.DEFAULT, enough).toBuilder().setCommand(TRUE).build(), List.of(a),
            "'ExecutorInfo.command' must not be set for 'DEFAULT' executor"),

        // the executor's minimum resources are hard errors for task groups
        groupRow("executor without resources", executor(ExecutorInfo.Type.DEFAULT, List.of()), List.of(a),
            "Executor must declare at least 0.01 cpus, 32 MB mem and some disk"),
        groupRow("executor with too few cpus", executor(ExecutorInfo.Type.DEFAULT, List.of(cpus(0.009), mem(32), disk(1))),
            List.of(a), "Executor must declare at least"),
        groupRow("executor without cpus", executor(ExecutorInfo.Type.DEFAULT, List.of(mem(32), disk(1))), List.of(a),
            "Executor must declare at least"),
        groupRow("executor with too little mem", executor(ExecutorInfo.Type.DEFAULT, List.of(cpus(1), mem(31.9), disk(1))),
            List.of(a), "Executor must declare at least"),
        groupRow("executor without disk", executor(ExecutorInfo.Type.DEFAULT, List.of(cpus(1), mem(64))), List.of(a),
            "Executor must declare at least"),
        groupRow("executor with reserved resources counts them",
            executor(ExecutorInfo.Type.DEFAULT, List.of(cpus(0.1).dynamic("eng", "fw"), mem(32).statically("eng"),
                disk(10).dynamic("eng", "fw").volume("ev", "fw"))), List.of(a), ""),

        // tasks
        groupRow("a task with a DOCKER container", executor(ExecutorInfo.Type.DEFAULT, enough),
            List.of(a, baseTask("d").setContainer(container(ContainerInfo.Type.DOCKER)).build()),
            "Docker ContainerInfo is not supported on the task"),
        groupRow("a task with a MESOS container", executor(ExecutorInfo.Type.DEFAULT, enough),
            List.of(baseTask("m").setContainer(container(ContainerInfo.Type.MESOS)).build()), ""),
        groupRow("two tasks with the same persistence id", executor(ExecutorInfo.Type.DEFAULT, enough),
            List.of(withVolume("a", "v1"), withVolume("b", "v1")), "Task group has duplicate persistence ID: v1"),
        groupRow("two tasks with distinct persistence ids", executor(ExecutorInfo.Type.DEFAULT, enough),
            List.of(withVolume("a", "v1"), withVolume("b", "v2")), ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("groups")
  void group(String description, ExecutorInfo executor, List<TaskInfo> tasks, String expected) {
    assertOutcome(expected, TaskRules.group(executor, tasks));
  }

  // ------------------------------------------------------------------ TaskRules.resources

  @SuppressWarnings("deprecation") // the pre-refinement format is accepted too
  static Stream<Arguments> resourceLists() {
    return Stream.of(
        resourcesRow("cpus and mem of one role", List.of(cpus(1).alloc("eng"), mem(32).alloc("eng")), ""),
        resourcesRow("no resources (task() refuses that)", List.of(), ""),
        resourcesRow("without allocation_info", List.of(cpus(1), mem(32)), ""),
        resourcesRow("one allocated, one not", List.of(cpus(1).alloc("eng"), mem(32)), ""),
        resourcesRow("pre-refinement dynamic reservation", List.of(cpus(1).alloc("eng").with(b -> b.setRole("eng")
            .setReservation(Resource.ReservationInfo.newBuilder().setPrincipal("fw")))), ""),
        resourcesRow("negative scalar", List.of(cpus(-1)), "Invalid resources: "),
        resourcesRow("invalid refined reservation: STATIC on top",
            List.of(cpus(1).dynamic("eng", "fw").statically("eng/be")), "Invalid resources: "),
        resourcesRow("overlapping ranges", List.of(R.scalar("ports", 0).with(b -> b.clearScalar()
            .setType(org.apache.mesos.v1.Protos.Value.Type.RANGES).getRangesBuilder()
            .addRange(range(1, 10)).addRange(range(5, 20)))), "Invalid resources: "),
        resourcesRow("reservation to '*'", List.of(cpus(1).dynamic("*", "fw")), "Invalid resources: "),
        resourcesRow("two volumes with the same persistence id",
            List.of(disk(1).dynamic("eng", "fw").volume("v1", "fw"), disk(2).dynamic("eng", "fw").path("/p")
                .volume("v1", "fw")), "Task uses duplicate persistence ID: v1"),
        resourcesRow("two volumes with distinct persistence ids",
            List.of(disk(1).dynamic("eng", "fw").volume("v1", "fw"), disk(2).dynamic("eng", "fw").volume("v2", "fw")),
            ""),
        resourcesRow("two allocation roles", List.of(cpus(1).alloc("eng"), mem(32).alloc("ops")),
            "The resources have multiple allocation roles"),
        resourcesRow("revocable and non-revocable cpus", List.of(cpus(1).alloc("eng").revocable(), cpus(1).alloc("eng")),
            "Task mixes revocable and non-revocable resources"),
        resourcesRow("only revocable resources", List.of(cpus(1).revocable(), mem(32).revocable()), ""),
        resourcesRow("an invalid resource is reported before the roles", List.of(cpus(1).alloc("eng"), mem(-1).alloc("ops")),
            "Invalid resources: "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resourceLists")
  void resources(String description, List<Resource> resources, String expected) {
    assertOutcome(expected, TaskRules.resources(resources));
  }

  // ------------------------------------------------------------------ rows and protos

  /** The base task: id t1 on agent-1, cpus 0.1 and mem 32 allocated to eng, command "true". */
  private static TaskInfo.Builder baseTask(String id) {
    return TaskInfo.newBuilder().setName(id).setTaskId(tid(id)).setAgentId(aid(AGENT))
        .addResources(cpus(0.1).alloc("eng").get()).addResources(mem(32).alloc("eng").get()).setCommand(TRUE);
  }

  private static Arguments taskRow(String description, UnaryOperator<TaskInfo.Builder> change, Set<String> known,
      ExecutorInfo existing, boolean inGroup, String expected) {
    return Arguments.of(description, change.apply(baseTask("t1")).build(), known, existing, inGroup, expected);
  }

  private static Arguments groupRow(String description, ExecutorInfo executor, List<TaskInfo> tasks, String expected) {
    return Arguments.of(description, executor, tasks, expected);
  }

  private static Arguments resourcesRow(String description, List<R> resources, String expected) {
    return Arguments.of(description, resources.stream().map(R::get).toList(), expected);
  }

  private static TaskInfo withVolume(String id, String persistenceId) {
    return baseTask(id).addResources(disk(10).dynamic("eng", "fw").alloc("eng").volume(persistenceId, "fw").get())
        .build();
  }

  /** An executor "e1"; a null type leaves it unset. */
  private static ExecutorInfo.Builder executor(String id, ExecutorInfo.Type type) {
    ExecutorInfo.Builder e = ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue(id));
    if (type != null) e.setType(type);
    return e;
  }

  private static ExecutorInfo executor(ExecutorInfo.Type type, List<R> resources) {
    return executor("group-executor", type).addAllResources(resources.stream().map(R::get).toList()).build();
  }

  private static ContainerInfo container(ContainerInfo.Type type) {
    return ContainerInfo.newBuilder().setType(type).build();
  }

  private static org.apache.mesos.v1.Protos.Value.Range range(long begin, long end) {
    return org.apache.mesos.v1.Protos.Value.Range.newBuilder().setBegin(begin).setEnd(end).build();
  }

  private static HealthCheck http(UnaryOperator<HealthCheck.HTTPCheckInfo.Builder> change) {
    return HealthCheck.newBuilder().setType(HealthCheck.Type.HTTP)
        .setHttp(change.apply(HealthCheck.HTTPCheckInfo.newBuilder().setPort(8080))).build();
  }

  private static KillPolicy grace(long nanos) {
    return KillPolicy.newBuilder().setGracePeriod(duration(nanos)).build();
  }

  private static DurationInfo duration(long nanos) {
    return DurationInfo.newBuilder().setNanoseconds(nanos).build();
  }

  private static TaskID tid(String value) {
    return TaskID.newBuilder().setValue(value).build();
  }

  private static AgentID aid(String value) {
    return AgentID.newBuilder().setValue(value).build();
  }

  private static FrameworkID fid(String value) {
    return FrameworkID.newBuilder().setValue(value).build();
  }
}
