package io.mooring.definition;

import static io.mooring.runtime.grpc.Replies.reply;

import io.grpc.stub.StreamObserver;
import io.micronaut.context.annotation.Requires;
import io.mooring.proto.v1.CancelDeploymentRequest;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.CreateRequest;
import io.mooring.proto.v1.DefinitionEvent;
import io.mooring.proto.v1.DefinitionServiceGrpc;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.DeploymentList;
import io.mooring.proto.v1.DeploymentProgress;
import io.mooring.proto.v1.GetRequest;
import io.mooring.proto.v1.GroupList;
import io.mooring.proto.v1.GroupRef;
import io.mooring.proto.v1.GroupUpdateRequest;
import io.mooring.proto.v1.ListGroupsRequest;
import io.mooring.proto.v1.ListDeploymentsRequest;
import io.mooring.proto.v1.ListRequest;
import io.mooring.proto.v1.ListResponse;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecRef;
import io.mooring.proto.v1.UpdateManyRequest;
import io.mooring.proto.v1.UpdateRequest;
import io.mooring.proto.v1.VersionList;
import io.mooring.proto.v1.WatchRequest;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The gRPC face of definition-service; domain errors are mapped by the runtime's DomainErrorInterceptor. */
@Requires(env = "definition-service")
@Singleton
public class DefinitionEndpoint extends DefinitionServiceGrpc.DefinitionServiceImplBase {
  private final Definitions definitions;
  private final Deployments deployments;
  private final Groups groups;
  private final DefinitionWatch watch;

  public DefinitionEndpoint(Definitions definitions, Deployments deployments, Groups groups, DefinitionWatch watch) {
    this.definitions = definitions;
    this.deployments = deployments;
    this.groups = groups;
    this.watch = watch;
  }

  @Override
  public void create(CreateRequest request, StreamObserver<ChangeResult> response) {
    reply(response, () -> definitions.create(request.getSpec(), request.getForce(), request.getOrigin()));
  }

  @Override
  public void update(UpdateRequest request, StreamObserver<ChangeResult> response) {
    reply(response, () -> definitions.update(request.getSpec(), request.getUpdateMask(),
        request.getCreateIfAbsent(), request.getForce(), request.getOrigin()));
  }

  @Override
  public void updateMany(UpdateManyRequest request, StreamObserver<ChangeResult> response) {
    reply(response, () -> definitions.updateMany(request.getUpdatesList(), request.getForce(), request.getOrigin()));
  }

  @Override
  public void updateGroup(GroupUpdateRequest request, StreamObserver<ChangeResult> response) {
    reply(response, () -> groups.update(request));
  }

  @Override
  public void deleteGroup(GroupRef request, StreamObserver<ChangeResult> response) {
    reply(response, () -> groups.delete(request));
  }

  @Override
  public void listGroups(ListGroupsRequest request, StreamObserver<GroupList> response) {
    reply(response, () -> GroupList.newBuilder().addAllGroups(groups.list()).build());
  }

  @Override
  public void listGroupVersions(GroupRef request, StreamObserver<VersionList> response) {
    reply(response, () -> VersionList.newBuilder().addAllVersions(groups.versions(request.getId())).build());
  }

  @Override
  public void cancelDeployment(CancelDeploymentRequest request, StreamObserver<ChangeResult> response) {
    reply(response, () -> deployments.cancel(request));
  }

  @Override
  public void delete(RunSpecRef request, StreamObserver<ChangeResult> response) {
    reply(response, () -> definitions.delete(request.getKind(), request.getId(), request.getForce(),
        request.getOrigin()));
  }

  @Override
  public void restart(RunSpecRef request, StreamObserver<ChangeResult> response) {
    reply(response, () -> definitions.restart(request.getKind(), request.getId(), request.getForce(),
        request.getOrigin()));
  }

  @Override
  public void get(GetRequest request, StreamObserver<RunSpec> response) {
    Optional<String> version = request.hasVersion() ? Optional.of(request.getVersion()) : Optional.empty();
    reply(response, () -> definitions.get(request.getKind(), request.getId(), version));
  }

  @Override
  public void list(ListRequest request, StreamObserver<ListResponse> response) {
    reply(response, () -> ListResponse.newBuilder().addAllSpecs(definitions.list(request.getKind())).build());
  }

  @Override
  public void listVersions(RunSpecRef request, StreamObserver<VersionList> response) {
    reply(response, () -> VersionList.newBuilder()
        .addAllVersions(definitions.versions(request.getKind(), request.getId())).build());
  }

  @Override
  public void listDeployments(ListDeploymentsRequest request, StreamObserver<DeploymentList> response) {
    reply(response, () -> DeploymentList.newBuilder()
        .addAllDeployments(deployments.list()).build());
  }

  @Override
  public void updateDeploymentProgress(DeploymentProgress request, StreamObserver<Deployment> response) {
    reply(response, () -> deployments.progress(request));
  }

  @Override
  public void watch(WatchRequest request, StreamObserver<DefinitionEvent> response) {
    watch.stream(request, response);
  }
}
