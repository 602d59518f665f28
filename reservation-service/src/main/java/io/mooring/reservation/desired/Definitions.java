package io.mooring.reservation.desired;

import com.google.protobuf.FieldMask;
import io.grpc.ManagedChannel;
import io.micronaut.grpc.annotation.GrpcChannel;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.ChangeResult;
import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.DeploymentProgress;
import io.mooring.proto.v1.DefinitionServiceGrpc;
import io.mooring.proto.v1.ListDeploymentsRequest;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.UpdateRequest;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The calls reservation-service makes to definition-service besides the watch, each with a deadline. */
@Singleton
public class Definitions {
  private static final long DEADLINE_SECONDS = 5;
  private final DefinitionServiceGrpc.DefinitionServiceBlockingStub stub;

  public Definitions(@GrpcChannel("definition") ManagedChannel channel) {
    this.stub = DefinitionServiceGrpc.newBlockingStub(channel);
  }

  /** Lowers (or raises) an app's instance count: a scale deployment, as PATCH {"instances": n} would make. */
  public ChangeResult scaleApp(String appId, int instances) {
    RunSpec spec = RunSpec.newBuilder().setApp(App.newBuilder().setId(appId).setInstances(instances)).build();
    // Forced, as the instances it stopped are stopped already: a running deployment of the app is replaced.
    return stub().update(UpdateRequest.newBuilder().setSpec(spec).setForce(true)
        .setUpdateMask(FieldMask.newBuilder().addPaths("instances")).build());
  }

  public List<Deployment> runningDeployments() {
    return stub().listDeployments(ListDeploymentsRequest.getDefaultInstance()).getDeploymentsList();
  }

  /** The deployment's earlier steps are done: {@code step} (1-based) begins. */
  public void progressed(Deployment deployment, int step) {
    stub().updateDeploymentProgress(DeploymentProgress.newBuilder().setDeploymentId(deployment.getId())
        .setCurrentStep(step).setState(Deployment.State.RUNNING).build());
  }

  public void finished(Deployment deployment) {
    stub().updateDeploymentProgress(DeploymentProgress.newBuilder().setDeploymentId(deployment.getId())
        .setCurrentStep(deployment.getTotalSteps()).setState(Deployment.State.SUCCEEDED).build());
  }

  private DefinitionServiceGrpc.DefinitionServiceBlockingStub stub() {
    return stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }
}
