package io.mooring.chaos;

import io.mooring.proto.v1.Instance;
import io.mooring.proto.v1.InstanceState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The user's side: the apps, and one change per round through the Marathon API. Round 1 deploys every app; later rounds
 * cycle through a scale down, a scale up, a restart, a wipe of some instances, a configuration change, and an app
 * deleted and another created. {@link #wanted} is what the user asked for, by app id.
 */
final class Workload {
  enum Change { DEPLOY, SCALE_DOWN, SCALE_UP, RESTART, WIPE, UPGRADE, REPLACE }

  private static final List<Change> CYCLE = List.of(Change.SCALE_DOWN, Change.SCALE_UP, Change.RESTART, Change.WIPE,
      Change.UPGRADE, Change.REPLACE);
  /** Every launch appends its task id and configuration to the volume, then stays up: the checker reads them back. */
  private static final String COMMAND = "echo \\\"$MESOS_TASK_ID $CHAOS_CONFIG\\\" >> \\\"$MESOS_SANDBOX/data/launches\\\""
      + " && exec sleep 1000000";

  /**
   * What the user asked of one app: how many instances, running which configuration, and which task ids must not run
   * any more (the tasks a restart replaces).
   */
  record Want(int instances, String config, Set<String> retired) {
    Want(int instances, String config) {
      this(instances, config, Set.of());
    }
  }

  private final Profile profile;
  private final Http gateway;
  private final Ledger ledger;
  private final Map<String, Want> wanted = new LinkedHashMap<>();

  Workload(Profile profile, Http gateway, Ledger ledger) {
    this.profile = profile;
    this.gateway = gateway;
    this.ledger = ledger;
  }

  Map<String, Want> wanted() {
    return Map.copyOf(wanted);
  }

  static Change changeOf(int round) {
    return round == 1 ? Change.DEPLOY : CYCLE.get((round - 2) % CYCLE.size());
  }

  /** The round's change, made through the gateway; answers what it was. */
  String apply(int round, Random random, Observation now) throws IOException {
    Change change = changeOf(round);
    List<String> apps = new ArrayList<>(wanted.keySet());
    String app = apps.isEmpty() ? "" : apps.get(random.nextInt(apps.size()));
    int step = Math.max(1, profile.perApp() / 5);
    switch (change) {
      case DEPLOY:
        for (int i = 1; i <= profile.apps(); i++) {
          create("/chaos-" + i, round);
        }
        return "deployed " + profile.apps() + " apps of " + profile.perApp();
      case SCALE_DOWN:
        return scale(app, Math.max(0, wanted.get(app).instances() - step));
      case SCALE_UP: {
        String smallest = apps.stream().min((a, b) -> wanted.get(a).instances() - wanted.get(b).instances())
            .orElseThrow();
        return scale(smallest, profile.perApp());
      }
      case RESTART: {
        Set<String> running = now.mesos().tasks().stream().filter(MesosView.Task::live)
            .filter(t -> app.equals(runSpecOf(now, t.instanceId()))).map(MesosView.Task::id).collect(Collectors.toSet());
        send(() -> gateway.post("/v2/apps" + app + "/restart?force=true", "{}"));
        wanted.put(app, new Want(wanted.get(app).instances(), wanted.get(app).config(), running));
        return "restarted " + app + " (" + running.size() + " tasks)";
      }
      case WIPE: {
        List<String> wiped = new ArrayList<>();
        for (Instance instance : now.etcd().instances().values()) {
          if (instance.getRunSpecId().equals(app) && instance.getState() == InstanceState.RUNNING_STATE
              && instance.getTasksCount() == 1 && wiped.size() < step) {
            String task = instance.getTasks(0).getTaskId();
            ledger.releaseInstance(instance.getInstanceId());
            send(() -> gateway.delete("/v2/apps" + app + "/tasks/" + task + "?wipe=true"), 404);
            wiped.add(task);
          }
        }
        return "wiped " + wiped;
      }
      case UPGRADE:
        Want upgraded = new Want(wanted.get(app).instances(), "r" + round);
        send(() -> gateway.put("/v2/apps" + app + "?force=true", definition(app, upgraded)));
        wanted.put(app, upgraded);
        return "changed the configuration of " + app + " to " + upgraded.config();
      default: {
        ledger.releaseApp(app);
        send(() -> gateway.delete("/v2/apps" + app + "?force=true"), 404);
        wanted.remove(app);
        String next = "/chaos-r" + round;
        create(next, round);
        return "deleted " + app + ", created " + next;
      }
    }
  }

  private static String runSpecOf(Observation o, String instanceId) {
    Instance instance = o.etcd().instances().get(instanceId);
    return instance == null ? "" : instance.getRunSpecId();
  }

  private void create(String app, int round) throws IOException {
    Want want = new Want(profile.perApp(), "r" + round);
    send(() -> gateway.post("/v2/apps", definition(app, want)), 409);
    wanted.put(app, want);
  }

  private String scale(String app, int instances) throws IOException {
    send(() -> gateway.put("/v2/apps" + app + "?force=true", "{\"instances\": " + instances + "}"));
    wanted.put(app, new Want(instances, wanted.get(app).config()));
    return "scaled " + app + " to " + instances;
  }

  private static String definition(String app, Want want) {
    return "{\"id\": \"" + app + "\", \"cmd\": \"" + COMMAND + "\", \"cpus\": 0.05, \"mem\": 16, \"disk\": 0,"
        + " \"instances\": " + want.instances() + ", \"backoffSeconds\": 1,"
        + " \"env\": {\"CHAOS_CONFIG\": \"" + want.config() + "\"},"
        + " \"upgradeStrategy\": {\"minimumHealthCapacity\": 0.5, \"maximumOverCapacity\": 0},"
        + " \"container\": {\"type\": \"MESOS\", \"volumes\": [{\"containerPath\": \"data\", \"mode\": \"RW\","
        + " \"persistent\": {\"type\": \"root\", \"size\": 1}}]}}";
  }

  private interface Call {
    Http.Answer send() throws IOException;
  }

  /**
   * Retried while unanswered or 5xx (a service may still be starting). {@code doneToo}: statuses by which a retry of a
   * call whose answer was lost finds its work done (409 for a create, 404 for a delete); any other 4xx is a bug here.
   */
  private static void send(Call call, int... doneToo) throws IOException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      try {
        Http.Answer answer = call.send();
        if (answer.ok() || Arrays.stream(doneToo).anyMatch(status -> status == answer.status())) {
          return;
        }
        if (answer.status() < 500) {
          throw new IllegalStateException("the gateway refused a change: " + answer.status() + " " + answer.body());
        }
        last = answer.status() + " " + answer.body();
      } catch (IOException unanswered) {
        last = unanswered.toString();
      }
      Pause.millis(1000);
    }
    throw new IOException("the gateway did not take a change in 120 s: " + last);
  }
}
