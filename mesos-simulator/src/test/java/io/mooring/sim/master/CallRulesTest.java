package io.mooring.sim.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.mesos.protobuf.ByteString;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OperationID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven tests of {@link CallRules}: scheduler call validation (spec §1.1 step 7) and FrameworkInfo (§1.2). */
class CallRulesTest {
  private static final String FW = "fw-1";
  private static final ByteString UUID16 = ByteString.copyFrom(new byte[16]);

  // ------------------------------------------------------------------ CallRules.call

  static Stream<Arguments> calls() {
    return Stream.of(
        row("no type", Call.newBuilder().setFrameworkId(fid(FW)), "Expecting 'type' to be present"),
        row("no type, nothing else", Call.newBuilder(), "Expecting 'type' to be present"),

        // SUBSCRIBE
        row("SUBSCRIBE without subscribe", Call.newBuilder().setType(Call.Type.SUBSCRIBE),
            "Expecting 'subscribe' to be present"),
        row("SUBSCRIBE first time: neither id set", subscribe(null, null), ""),
        row("SUBSCRIBE again: both ids equal", subscribe(FW, FW), ""),
        row("SUBSCRIBE: empty framework_info.id is a first subscription", subscribe(null, ""), ""),
        row("SUBSCRIBE: call id set, framework_info.id unset", subscribe(FW, null),
            "'framework_id' differs from 'subscribe.framework_info.id'"),
        row("SUBSCRIBE: framework_info.id set, call id unset", subscribe(null, FW),
            "'framework_id' differs from 'subscribe.framework_info.id'"),
        row("SUBSCRIBE: ids differ", subscribe(FW, "fw-2"),
            "'framework_id' differs from 'subscribe.framework_info.id'"),

        // every other call needs framework_id, checked before its sub-message
        row("ACCEPT without framework_id", Call.newBuilder().setType(Call.Type.ACCEPT)
            .setAccept(Call.Accept.newBuilder()), "Expecting 'framework_id' to be present"),
        row("TEARDOWN without framework_id", Call.newBuilder().setType(Call.Type.TEARDOWN),
            "Expecting 'framework_id' to be present"),
        row("UNKNOWN without framework_id", Call.newBuilder().setType(Call.Type.UNKNOWN),
            "Expecting 'framework_id' to be present"),
        row("DECLINE without framework_id and decline", Call.newBuilder().setType(Call.Type.DECLINE),
            "Expecting 'framework_id' to be present"),

        // the sub-message of each type
        row("ACCEPT without accept", typed(Call.Type.ACCEPT), "Expecting 'accept' to be present"),
        row("ACCEPT", typed(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder().addOfferIds(oid("o1"))), ""),
        row("ACCEPT with an empty accept", typed(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder()), ""),
        row("DECLINE without decline", typed(Call.Type.DECLINE), "Expecting 'decline' to be present"),
        row("DECLINE", typed(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder().addOfferIds(oid("o1"))), ""),
        row("ACCEPT_INVERSE_OFFERS without accept_inverse_offers", typed(Call.Type.ACCEPT_INVERSE_OFFERS),
            "Expecting 'accept_inverse_offers' to be present"),
        row("ACCEPT_INVERSE_OFFERS", typed(Call.Type.ACCEPT_INVERSE_OFFERS)
            .setAcceptInverseOffers(Call.AcceptInverseOffers.newBuilder().addInverseOfferIds(oid("i1"))), ""),
        row("DECLINE_INVERSE_OFFERS without decline_inverse_offers", typed(Call.Type.DECLINE_INVERSE_OFFERS),
            "Expecting 'decline_inverse_offers' to be present"),
        row("DECLINE_INVERSE_OFFERS", typed(Call.Type.DECLINE_INVERSE_OFFERS)
            .setDeclineInverseOffers(Call.DeclineInverseOffers.newBuilder().addInverseOfferIds(oid("i1"))), ""),
        row("KILL without kill", typed(Call.Type.KILL), "Expecting 'kill' to be present"),
        row("KILL", typed(Call.Type.KILL).setKill(Call.Kill.newBuilder().setTaskId(tid("t1"))), ""),
        row("SHUTDOWN without shutdown", typed(Call.Type.SHUTDOWN), "Expecting 'shutdown' to be present"),
        row("SHUTDOWN", typed(Call.Type.SHUTDOWN).setShutdown(Call.Shutdown.newBuilder()
            .setExecutorId(ExecutorID.newBuilder().setValue("e1")).setAgentId(aid("a1"))), ""),
        row("RECONCILE without reconcile", typed(Call.Type.RECONCILE), "Expecting 'reconcile' to be present"),
        row("RECONCILE (empty: all tasks)", typed(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()), ""),
        row("RECONCILE_OPERATIONS without reconcile_operations", typed(Call.Type.RECONCILE_OPERATIONS),
            "Expecting 'reconcile_operations' to be present"),
        row("RECONCILE_OPERATIONS", typed(Call.Type.RECONCILE_OPERATIONS)
            .setReconcileOperations(Call.ReconcileOperations.newBuilder()), ""),
        row("MESSAGE without message", typed(Call.Type.MESSAGE), "Expecting 'message' to be present"),
        row("MESSAGE", typed(Call.Type.MESSAGE).setMessage(Call.Message.newBuilder().setAgentId(aid("a1"))
            .setExecutorId(ExecutorID.newBuilder().setValue("e1")).setData(ByteString.copyFromUtf8("hi"))), ""),
        row("REQUEST without request", typed(Call.Type.REQUEST), "Expecting 'request' to be present"),
        row("REQUEST", typed(Call.Type.REQUEST).setRequest(Call.Request.newBuilder()), ""),

        // ACKNOWLEDGE: the uuid must be 16 bytes
        row("ACKNOWLEDGE without acknowledge", typed(Call.Type.ACKNOWLEDGE), "Expecting 'acknowledge' to be present"),
        row("ACKNOWLEDGE with a 16-byte uuid", acknowledge(UUID16), ""),
        row("ACKNOWLEDGE with an empty uuid", acknowledge(ByteString.EMPTY), "Failed to parse UUID"),
        row("ACKNOWLEDGE with a 15-byte uuid", acknowledge(ByteString.copyFrom(new byte[15])), "Failed to parse UUID"),
        row("ACKNOWLEDGE with a 17-byte uuid", acknowledge(ByteString.copyFrom(new byte[17])), "Failed to parse UUID"),
        row("ACKNOWLEDGE with the uuid as a 36-char string",
            acknowledge(ByteString.copyFromUtf8("123e4567-e89b-12d3-a456-426614174000")), "Failed to parse UUID"),

        // ACKNOWLEDGE_OPERATION_STATUS: uuid, then agent_id
        row("ACKNOWLEDGE_OPERATION_STATUS without acknowledge_operation_status",
            typed(Call.Type.ACKNOWLEDGE_OPERATION_STATUS), "Expecting 'acknowledge_operation_status' to be present"),
        row("ACKNOWLEDGE_OPERATION_STATUS", ackOperation(UUID16, true), ""),
        row("ACKNOWLEDGE_OPERATION_STATUS with an 8-byte uuid", ackOperation(ByteString.copyFrom(new byte[8]), true),
            "Failed to parse UUID"),
        row("ACKNOWLEDGE_OPERATION_STATUS without agent_id", ackOperation(UUID16, false),
            "Expecting 'agent_id' to be present"),
        row("ACKNOWLEDGE_OPERATION_STATUS: a bad uuid is reported before a missing agent_id",
            ackOperation(ByteString.EMPTY, false), "Failed to parse UUID"),

        // UPDATE_FRAMEWORK: its framework_info.id must equal framework_id
        row("UPDATE_FRAMEWORK without update_framework", typed(Call.Type.UPDATE_FRAMEWORK),
            "Expecting 'update_framework' to be present"),
        row("UPDATE_FRAMEWORK with the same id", updateFramework(FW), ""),
        row("UPDATE_FRAMEWORK with another id", updateFramework("fw-2"),
            "'framework_id' differs from 'update_framework.framework_info.id'"),
        row("UPDATE_FRAMEWORK without framework_info.id", updateFramework(null),
            "'framework_id' differs from 'update_framework.framework_info.id'"),

        // calls without a sub-message
        row("TEARDOWN", typed(Call.Type.TEARDOWN), ""),
        row("REVIVE without revive (roles optional)", typed(Call.Type.REVIVE), ""),
        row("SUPPRESS without suppress (roles optional)", typed(Call.Type.SUPPRESS), ""),
        row("UNKNOWN (answered 501 later, not here)", typed(Call.Type.UNKNOWN), ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void call(String description, Call call, String expected) {
    assertOutcome(expected, CallRules.call(call));
  }

  // ------------------------------------------------------------------ CallRules.frameworkInfo

  static Stream<Arguments> frameworkInfos() {
    return Stream.of(
        // without MULTI_ROLE: role (default "*"), roles must be empty
        info("default role '*'", f -> f, List.of(), ""),
        info("role 'eng'", f -> f.setRole("eng"), List.of(), ""),
        info("hierarchical role 'eng/backend'", f -> f.setRole("eng/backend"), List.of(), ""),
        info("roles set without MULTI_ROLE", f -> f.addRoles("eng"), List.of(),
            "'FrameworkInfo.roles' must not be set when MULTI_ROLE capability is disabled"),
        info("roles set with another capability only", f -> capability(f, FrameworkInfo.Capability.Type.PARTITION_AWARE)
            .addRoles("eng"), List.of(), "'FrameworkInfo.roles' must not be set when MULTI_ROLE capability is disabled"),
        info("role with a leading slash", f -> f.setRole("/eng"), List.of(), "Role '/eng' is invalid: "),
        info("role with a trailing slash", f -> f.setRole("eng/"), List.of(), "Role 'eng/' is invalid: "),
        info("empty role", f -> f.setRole(""), List.of(), "Role '' is invalid: Role names cannot be the empty string"),
        info("role with a space", f -> f.setRole("my role"), List.of(), "Role 'my role' is invalid: "),
        info("role component '..'", f -> f.setRole("eng/.."), List.of(), "Role 'eng/..' is invalid: "),
        info("role starting with a dash", f -> f.setRole("-eng"), List.of(), "Role '-eng' is invalid: "),

        // with MULTI_ROLE: roles, no role
        info("MULTI_ROLE with two roles", f -> multi(f, "eng", "eng/backend"), List.of(), ""),
        info("MULTI_ROLE with no roles at all", f -> multi(f), List.of(), ""),
        info("MULTI_ROLE with role '*' in roles", f -> multi(f, "*"), List.of(), ""),
        info("MULTI_ROLE with role set", f -> multi(f, "eng").setRole("eng"), List.of(),
            "'FrameworkInfo.role' must not be set when MULTI_ROLE capability is enabled"),
        info("MULTI_ROLE with role set to the default '*' explicitly", f -> multi(f).setRole("*"), List.of(),
            "'FrameworkInfo.role' must not be set when MULTI_ROLE capability is enabled"),
        info("MULTI_ROLE with a duplicate role", f -> multi(f, "eng", "ops", "eng"), List.of(),
            "'FrameworkInfo.roles' contains duplicate role 'eng'"),
        info("MULTI_ROLE with an invalid role", f -> multi(f, "eng", "a//b"), List.of(), "Role 'a//b' is invalid: "),
        info("MULTI_ROLE with a '*' component", f -> multi(f, "eng/*"), List.of(), "Role 'eng/*' is invalid: "),

        // suppressed roles must be among the roles
        info("suppressed role among the roles", f -> multi(f, "eng", "ops"), List.of("ops"), ""),
        info("all roles suppressed", f -> multi(f, "eng", "ops"), List.of("eng", "ops"), ""),
        info("suppressed role not among the roles", f -> multi(f, "eng"), List.of("ops"),
            "Suppressed role 'ops' is not contained in the list of roles"),
        info("suppressed parent of a role", f -> multi(f, "eng/backend"), List.of("eng"),
            "Suppressed role 'eng' is not contained in the list of roles"),
        info("suppressed '*' without MULTI_ROLE and the default role", f -> f, List.of("*"), ""),
        info("suppressed role other than the single role", f -> f.setRole("eng"), List.of("*"),
            "Suppressed role '*' is not contained in the list of roles"),

        // failover_timeout: a valid Duration (int64 nanoseconds), as stout's Duration::create
        info("failover_timeout 0", f -> f.setFailoverTimeout(0), List.of(), ""),
        info("failover_timeout one week", f -> f.setFailoverTimeout(604800), List.of(), ""),
        info("failover_timeout negative", f -> f.setFailoverTimeout(-1), List.of(), ""),
        info("failover_timeout just within int64 nanoseconds", f -> f.setFailoverTimeout(9.22e9), List.of(), ""),
        info("failover_timeout just within, negative", f -> f.setFailoverTimeout(-9.22e9), List.of(), ""),
        info("failover_timeout beyond int64 nanoseconds", f -> f.setFailoverTimeout(9.23e9), List.of(),
            "Invalid failover_timeout: "),
        info("failover_timeout beyond int64 nanoseconds, negative", f -> f.setFailoverTimeout(-9.23e9), List.of(),
            "Invalid failover_timeout: "),
        info("failover_timeout NaN", f -> f.setFailoverTimeout(Double.NaN), List.of(), "Invalid failover_timeout: NaN"),
        info("failover_timeout +infinity", f -> f.setFailoverTimeout(Double.POSITIVE_INFINITY), List.of(),
            "Invalid failover_timeout: Infinity"),
        info("failover_timeout -infinity", f -> f.setFailoverTimeout(Double.NEGATIVE_INFINITY), List.of(),
            "Invalid failover_timeout: -Infinity"),

        // id: the ID rules
        info("valid id", f -> f.setId(fid("0f1e-0001")), List.of(), ""),
        info("empty id: a first subscription", f -> f.setId(fid("")), List.of(), ""),
        info("id with a slash", f -> f.setId(fid("a/b")), List.of(), "'FrameworkInfo.id' is invalid: "),
        info("id with a backslash", f -> f.setId(fid("a\\b")), List.of(), "'FrameworkInfo.id' is invalid: "),
        info("id '..'", f -> f.setId(fid("..")), List.of(), "'FrameworkInfo.id' is invalid: '..' is disallowed"),
        info("id with a control character", f -> f.setId(fid("a\nb")), List.of(), "'FrameworkInfo.id' is invalid: "),
        info("id of 256 bytes", f -> f.setId(fid("x".repeat(256))), List.of(),
            "'FrameworkInfo.id' is invalid: ID must not be greater than 255 characters"),
        info("id of 255 bytes", f -> f.setId(fid("x".repeat(255))), List.of(), ""),

        // order: roles before suppressed roles before failover_timeout before id
        info("bad role reported before a bad id", f -> f.setRole("/x").setId(fid("a/b")), List.of(),
            "Role '/x' is invalid: "),
        info("bad suppressed role reported before a bad failover_timeout",
            f -> f.setFailoverTimeout(Double.NaN), List.of("ops"), "Suppressed role 'ops'"),
        info("bad failover_timeout reported before a bad id", f -> f.setFailoverTimeout(1e10).setId(fid("..")),
            List.of(), "Invalid failover_timeout: "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("frameworkInfos")
  void frameworkInfo(String description, FrameworkInfo info, List<String> suppressed, String expected) {
    assertOutcome(expected, CallRules.frameworkInfo(info, suppressed));
  }

  // ------------------------------------------------------------------ helpers

  /** Empty expected means valid; otherwise the error must contain the fragment. */
  static void assertOutcome(String expected, Optional<String> actual) {
    if (expected.isEmpty()) {
      assertEquals(Optional.empty(), actual);
    } else {
      assertTrue(actual.isPresent(), "expected an error containing \"" + expected + "\", got none");
      assertTrue(actual.get().contains(expected), "expected \"" + expected + "\" in \"" + actual.get() + "\"");
    }
  }

  private static Arguments row(String description, Call.Builder call, String expected) {
    return Arguments.of(description, call.buildPartial(), expected);
  }

  private static Arguments info(String description, UnaryOperator<FrameworkInfo.Builder> change,
      List<String> suppressed, String expected) {
    FrameworkInfo.Builder base = FrameworkInfo.newBuilder().setUser("u").setName("n");
    return Arguments.of(description, change.apply(base).build(), suppressed, expected);
  }

  private static FrameworkInfo.Builder capability(FrameworkInfo.Builder f, FrameworkInfo.Capability.Type type) {
    return f.addCapabilities(FrameworkInfo.Capability.newBuilder().setType(type));
  }

  private static FrameworkInfo.Builder multi(FrameworkInfo.Builder f, String... roles) {
    return capability(f, FrameworkInfo.Capability.Type.MULTI_ROLE).addAllRoles(List.of(roles));
  }

  private static Call.Builder typed(Call.Type type) {
    return Call.newBuilder().setType(type).setFrameworkId(fid(FW));
  }

  private static Call.Builder subscribe(String callId, String infoId) {
    FrameworkInfo.Builder info = FrameworkInfo.newBuilder().setUser("u").setName("n");
    if (infoId != null) info.setId(fid(infoId));
    Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info));
    if (callId != null) call.setFrameworkId(fid(callId));
    return call;
  }

  private static Call.Builder acknowledge(ByteString uuid) {
    return typed(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(aid("a1"))
        .setTaskId(tid("t1")).setUuid(uuid));
  }

  private static Call.Builder ackOperation(ByteString uuid, boolean withAgent) {
    Call.AcknowledgeOperationStatus.Builder ack = Call.AcknowledgeOperationStatus.newBuilder().setUuid(uuid)
        .setOperationId(OperationID.newBuilder().setValue("op-1"));
    if (withAgent) ack.setAgentId(aid("a1"));
    return typed(Call.Type.ACKNOWLEDGE_OPERATION_STATUS).setAcknowledgeOperationStatus(ack);
  }

  private static Call.Builder updateFramework(String infoId) {
    FrameworkInfo.Builder info = FrameworkInfo.newBuilder().setUser("u").setName("n");
    if (infoId != null) info.setId(fid(infoId));
    return typed(Call.Type.UPDATE_FRAMEWORK).setUpdateFramework(Call.UpdateFramework.newBuilder().setFrameworkInfo(info));
  }

  private static FrameworkID fid(String value) {
    return FrameworkID.newBuilder().setValue(value).build();
  }

  private static OfferID oid(String value) {
    return OfferID.newBuilder().setValue(value).build();
  }

  private static TaskID tid(String value) {
    return TaskID.newBuilder().setValue(value).build();
  }

  private static AgentID aid(String value) {
    return AgentID.newBuilder().setValue(value).build();
  }
}
