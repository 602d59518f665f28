package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.model.HealthChecks;
import io.mooring.model.InstanceStates;
import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.Task;
import java.util.List;

/**
 * Pure: Marathon's {@code readinessCheckResults}: for an app with a readiness check, each active task running its
 * current configuration, ready once the check passed (Mooring keeps no last response).
 */
final class ReadinessViews {
  private ReadinessViews() {}

  static ArrayNode results(App app, List<Instance> instances) {
    ArrayNode results = MarathonJson.MAPPER.createArrayNode();
    RunSpec spec = RunSpec.newBuilder().setApp(app).build();
    HealthChecks.readiness(spec).ifPresent(check -> {
      String configVersion = RunSpecs.configVersion(spec);
      for (Instance instance : instances) {
        if (instance.getConfigVersion().equals(configVersion) && InstanceStates.isActive(instance)) {
          for (Task task : instance.getTasksList()) {
            results.addObject().put("name", check.name()).put("taskId", task.getTaskId())
                .put("ready", task.hasReady() && task.getReady());
          }
        }
      }
    });
    return results;
  }
}
