package io.mooring.chaos;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The faults a cluster meets, injected one at a time: services and etcd killed with -9, and through the simulator's
 * control API agents disconnected or rebooted under a new id, offers rescinded, operations failed or dropped, an ACCEPT
 * lost, the master failed over, a task failed. Every choice comes from the round's {@link Random}, and every fault is
 * logged with its time, round and seed.
 */
final class Faults {
  enum Kind {
    KILL_SERVICE(5), KILL_ETCD(1), AGENT_DISCONNECT(2), AGENT_REBOOT(2), OFFER_RESCIND(1), FAIL_OPERATION(1),
    DROP_OPERATION(1), DROP_ACCEPT(1), MASTER_FAILOVER(1), TASK_FAIL(1);

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }
  }

  private final Cluster cluster;
  private final Http simulator;
  private final Consumer<String> log;
  private final Map<Kind, Integer> injected = new EnumMap<>(Kind.class);
  private final Set<String> disconnected = new LinkedHashSet<>();

  Faults(Cluster cluster, Consumer<String> log) {
    this.cluster = cluster;
    this.simulator = new Http(cluster.mesos());
    this.log = log;
  }

  Map<Kind, Integer> injected() {
    return Map.copyOf(injected);
  }

  /** One fault, drawn from {@code random}; answers what it was. */
  String inject(Random random, MesosView mesos) throws IOException, InterruptedException {
    Kind kind = draw(random);
    String what = apply(kind, random, mesos);
    injected.merge(kind, 1, Integer::sum);
    log.accept("fault " + kind + " " + what);
    return what;
  }

  /** Every killed process started again and every disconnected agent back: answers what was healed. */
  List<String> heal() throws IOException {
    List<String> healed = new ArrayList<>(cluster.restartDead());
    for (String agent : disconnected) {
      call("/sim/agents/" + agent + "/reconnect", "{}");
      healed.add("agent " + agent);
    }
    disconnected.clear();
    return healed;
  }

  private static Kind draw(Random random) {
    int total = 0;
    for (Kind kind : Kind.values()) {
      total += kind.weight;
    }
    int pick = random.nextInt(total);
    for (Kind kind : Kind.values()) {
      pick -= kind.weight;
      if (pick < 0) {
        return kind;
      }
    }
    throw new AssertionError("weights");
  }

  private String apply(Kind kind, Random random, MesosView mesos) throws IOException, InterruptedException {
    switch (kind) {
      case KILL_SERVICE: {
        String service = Cluster.SERVICES.get(random.nextInt(Cluster.SERVICES.size()));
        cluster.kill9(service);
        return service;
      }
      case KILL_ETCD: {
        long down = 1000 + random.nextInt(3000);
        cluster.etcd.kill9();
        Pause.millis(down);
        cluster.etcd.start();
        return "down for " + down + " ms";
      }
      case AGENT_DISCONNECT: {
        String agent = agent(random);
        call("/sim/agents/" + agent + "/disconnect", "{}");
        disconnected.add(agent);
        return agent;
      }
      case AGENT_REBOOT: {
        String agent = agent(random);
        String answer = call("/sim/agents/" + agent + "/restart", "{\"new_id\": true}");
        return agent + " -> " + JsonParser.parseString(answer).getAsJsonObject().get("agent_id").getAsString();
      }
      case OFFER_RESCIND:
        return call("/sim/offers/rescind", "{}");
      case FAIL_OPERATION: {
        String agent = agent(random);
        call("/sim/agents/" + agent + "/fail-next-operation", "{}");
        return agent;
      }
      case DROP_OPERATION: {
        String agent = agent(random);
        call("/sim/agents/" + agent + "/drop-next-operation", "{}");
        return agent;
      }
      case DROP_ACCEPT:
        call("/sim/master/drop-next-accept", "{}");
        return "next ACCEPT";
      case MASTER_FAILOVER:
        call("/sim/master/failover", "{}");
        return "new master";
      default: {
        List<MesosView.Task> running = mesos.tasks().stream().filter(t -> t.state().equals("TASK_RUNNING")).toList();
        if (running.isEmpty()) {
          return "no running task";
        }
        String task = running.get(random.nextInt(running.size())).id();
        call("/sim/tasks/" + task + "/fail", "{\"message\": \"chaos\"}");
        return task;
      }
    }
  }

  /** A connected agent, in the simulator's configuration order. */
  private String agent(Random random) throws IOException {
    List<String> agents = new ArrayList<>();
    for (JsonElement id : JsonParser.parseString(simulator.get("/sim/agents").body()).getAsJsonObject()
        .getAsJsonArray("agent_ids")) {
      if (!disconnected.contains(id.getAsString())) {
        agents.add(id.getAsString());
      }
    }
    return agents.get(random.nextInt(agents.size()));
  }

  private String call(String path, String body) throws IOException {
    Http.Answer answer = simulator.post(path, body);
    if (!answer.ok()) {
      throw new IOException(path + " answered " + answer.status() + ": " + answer.body());
    }
    return answer.body();
  }
}
