package io.mooring.gateway.client;

import io.grpc.ManagedChannel;
import io.micronaut.context.annotation.Value;
import io.micronaut.grpc.annotation.GrpcChannel;
import io.micronaut.http.context.ServerRequestContext;
import io.mooring.proto.v1.ChangeOrigin;
import io.mooring.proto.v1.CancelDeploymentRequest;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.Group;
import io.mooring.proto.v1.GroupRef;
import io.mooring.proto.v1.GroupUpdateRequest;
import io.mooring.proto.v1.ListGroupsRequest;
import io.mooring.proto.v1.UpdateManyRequest;
import io.mooring.proto.v1.CreateRequest;
import io.mooring.proto.v1.DefinitionServiceGrpc;
import io.mooring.proto.v1.DefinitionServiceGrpc.DefinitionServiceBlockingStub;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.GetRequest;
import io.mooring.proto.v1.ListDeploymentsRequest;
import io.mooring.proto.v1.ListRequest;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.RunSpecRef;
import io.mooring.proto.v1.UpdateRequest;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** definition-service as the gateway calls it: reads are retried, changes are sent once, each with a deadline. */
@Singleton
public class DefinitionClient {
  private final DefinitionServiceBlockingStub stub;
  private final Duration callTimeout;
  private final Resilient calls;

  /**
   * {@code channel} is configured as {@code grpc.channels.definition}; besides carrying the calls it is told to
   * reconnect at once whenever the breaker tries the service again.
   */
  public DefinitionClient(@GrpcChannel("definition") ManagedChannel channel,
      @Value("${mooring.gateway.call-timeout:5s}") Duration callTimeout) {
    this.stub = DefinitionServiceGrpc.newBlockingStub(channel);
    this.callTimeout = callTimeout;
    this.calls = new Resilient("definition-service", Duration.ofSeconds(5), channel::resetConnectBackoff);
  }

  /** Changes carry who asked (the HTTP request being served), for the API's events. */
  public ChangeResult create(CreateRequest request) {
    CreateRequest withOrigin = request.toBuilder().setOrigin(origin()).build();
    return calls.write(() -> stub().create(withOrigin));
  }

  public ChangeResult update(UpdateRequest request) {
    UpdateRequest withOrigin = request.toBuilder().setOrigin(origin()).build();
    return calls.write(() -> stub().update(withOrigin));
  }

  public ChangeResult delete(RunSpecRef ref) {
    RunSpecRef withOrigin = ref.toBuilder().setOrigin(origin()).build();
    return calls.write(() -> stub().delete(withOrigin));
  }

  public ChangeResult restart(RunSpecRef ref) {
    RunSpecRef withOrigin = ref.toBuilder().setOrigin(origin()).build();
    return calls.write(() -> stub().restart(withOrigin));
  }

  public ChangeResult updateMany(UpdateManyRequest request) {
    UpdateManyRequest withOrigin = request.toBuilder().setOrigin(origin()).build();
    return calls.write(() -> stub().updateMany(withOrigin));
  }

  public ChangeResult updateGroup(GroupUpdateRequest request) {
    GroupUpdateRequest withOrigin = request.toBuilder().setOrigin(origin()).build();
    return calls.write(() -> stub().updateGroup(withOrigin));
  }

  public ChangeResult deleteGroup(GroupRef ref) {
    GroupRef withOrigin = ref.toBuilder().setOrigin(origin()).build();
    return calls.write(() -> stub().deleteGroup(withOrigin));
  }

  public List<Group> groups() {
    return calls.read(() -> stub().listGroups(ListGroupsRequest.getDefaultInstance())).getGroupsList();
  }

  public List<String> groupVersions(String id) {
    return calls.read(() -> stub().listGroupVersions(GroupRef.newBuilder().setId(id).build())).getVersionsList();
  }

  public ChangeResult cancelDeployment(CancelDeploymentRequest request) {
    CancelDeploymentRequest withOrigin = request.toBuilder().setOrigin(origin()).build();
    return calls.write(() -> stub().cancelDeployment(withOrigin));
  }

  public RunSpec get(GetRequest request) {
    return calls.read(() -> stub().get(request));
  }

  public List<RunSpec> list(RunSpecKind kind) {
    return calls.read(() -> stub().list(ListRequest.newBuilder().setKind(kind).build())).getSpecsList();
  }

  public List<String> versions(RunSpecRef ref) {
    return calls.read(() -> stub().listVersions(ref)).getVersionsList();
  }

  /** The deployments still in progress, oldest first. */
  public List<Deployment> runningDeployments() {
    return calls.read(() -> stub().listDeployments(ListDeploymentsRequest.getDefaultInstance()))
        .getDeploymentsList();
  }

  /** The client's address and the path it called; empty outside a request. */
  private static ChangeOrigin origin() {
    return ServerRequestContext.currentRequest().map(request -> ChangeOrigin.newBuilder()
        .setClientIp(request.getRemoteAddress().getAddress().getHostAddress())
        .setUri(request.getPath()).build()).orElse(ChangeOrigin.getDefaultInstance());
  }

  /** A fresh deadline for every attempt. */
  private DefinitionServiceBlockingStub stub() {
    return stub.withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
