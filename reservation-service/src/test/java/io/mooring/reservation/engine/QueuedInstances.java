package io.mooring.reservation.engine;

import com.google.protobuf.util.JsonFormat;
import io.mooring.definition.normalization.AppNormalizer;
import io.mooring.model.InstanceIds;
import io.mooring.model.PersistenceIds;
import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.Goal;
import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.LocalVolume;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import io.mooring.proto.v1.VersionInfo;
import io.mooring.reservation.core.Queues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A launch queue as a large cluster has it: resident apps as users post them (normalised by definition-service),
 * each with two persistent volumes, and their instances waiting for a first placement.
 */
final class QueuedInstances {
  static final long NOW = 1_700_000_000_000L;
  private static final String VERSION = "2024-04-01T09:00:00.000Z";
  private static final String APP = """
      {"id": "/shop/postgres-%d", "cpus": 1, "mem": 2048, "instances": 1,
       "cmd": "exec postgres -D /mnt/mesos/sandbox/pgdata -c config_file=/mnt/mesos/sandbox/pgdata/postgresql.conf",
       "container": {"type": "DOCKER",
         "docker": {"image": "postgres:16.2", "network": "BRIDGE", "forcePullImage": false,
           "portMappings": [{"containerPort": 5432, "hostPort": 0, "protocol": "tcp", "name": "postgres"}]},
         "volumes": [{"containerPath": "pgdata", "mode": "RW", "persistent": {"size": 10240}},
                     {"containerPath": "pgwal", "mode": "RW", "persistent": {"size": 2048}}]},
       "env": {"POSTGRES_PASSWORD": "secret", "PGDATA": "/mnt/mesos/sandbox/pgdata",
               "POSTGRES_INITDB_WALDIR": "/mnt/mesos/sandbox/pgwal"},
       "labels": {"team": "payments", "tier": "database", "backup": "nightly"},
       "healthChecks": [{"protocol": "COMMAND", "command": {"value": "pg_isready -U postgres"},
                         "gracePeriodSeconds": 300, "intervalSeconds": 30, "timeoutSeconds": 10,
                         "maxConsecutiveFailures": 3}],
       "residency": {"taskLostBehavior": "WAIT_FOREVER"},
       "upgradeStrategy": {"minimumHealthCapacity": 0, "maximumOverCapacity": 0}}""";

  private QueuedInstances() {}

  /** {@code apps} apps of {@code instancesPerApp} scheduled instances each, as the reconciler derives the queue. */
  static List<LaunchRequest> launchQueue(int apps, int instancesPerApp) {
    Map<String, RunSpec> specs = new HashMap<>();
    List<Instance> instances = new ArrayList<>();
    for (int a = 0; a < apps; a++) {
      RunSpec spec = app(a);
      specs.put(RunSpecs.id(spec), spec);
      for (int i = 0; i < instancesPerApp; i++) {
        instances.add(scheduled(spec, new UUID(a, i).toString()));
      }
    }
    return Queues.launchQueue(instances, id -> Optional.ofNullable(specs.get(id)), NOW);
  }

  static RunSpec app(int number) {
    App.Builder raw = App.newBuilder();
    try {
      JsonFormat.parser().merge(APP.formatted(number), raw);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    App app = AppNormalizer.normalize(raw.build(), "mooring").toBuilder().setVersion(VERSION)
        .setVersionInfo(VersionInfo.newBuilder().setLastConfigChangeAt(VERSION).setLastScalingAt(VERSION)).build();
    return RunSpec.newBuilder().setApp(app).build();
  }

  private static Instance scheduled(RunSpec spec, String uuid) {
    String runSpecId = RunSpecs.id(spec);
    Instance.Builder instance = Instance.newBuilder().setInstanceId(InstanceIds.of(runSpecId, uuid))
        .setKind(RunSpecKind.APP).setRunSpecId(runSpecId).setRunSpecVersion(RunSpecs.version(spec))
        .setConfigVersion(RunSpecs.configVersion(spec)).setGoal(Goal.RUNNING).setState(InstanceState.SCHEDULED)
        .setRole("mooring").setSince(Instant.ofEpochMilli(NOW).toString()).setUpdatedMillis(NOW);
    for (String path : RunSpecs.persistentVolumePaths(spec)) {
      String volume = UUID.nameUUIDFromBytes((uuid + path).getBytes()).toString();
      instance.addVolumes(LocalVolume.newBuilder().setRunSpecId(runSpecId).setContainerPath(path).setUuid(volume)
          .setPersistenceId(PersistenceIds.of(runSpecId, path, volume)));
    }
    return instance.build();
  }
}
