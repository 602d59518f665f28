package io.mooring.sim.master;

import io.mooring.sim.agent.AgentHost;
import io.mooring.sim.config.AgentSpec;
import io.mooring.sim.config.SimConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.mesos.v1.master.Protos.Call.Type;
import org.apache.mesos.v1.master.Protos.Response;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated Mesos master and its agents. All state lives on one thread; the HTTP layer hands calls to it with
 * {@link #call}. Timers on the same thread run the allocation cycle, heartbeats and status update retries.
 */
public final class Master implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Master.class);
  public static final String VERSION = "1.11.0";
  private static final String THREAD = "mesos-master";

  private final Cluster cluster;
  private final ScheduledExecutorService thread;
  private final Allocator allocator;
  private final Updates updates;
  private final Subscriptions subscriptions;
  private final SchedulerCalls schedulerCalls;
  private final OperatorCalls operatorCalls;
  private final Faults faults;
  private final AtomicBoolean allocationPending = new AtomicBoolean();

  public Master(SimConfig config, Function<AgentSpec, AgentHost> hosts) {
    thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, THREAD);
      t.setDaemon(true);
      return t;
    });
    cluster = new Cluster(config, thread, System::currentTimeMillis);
    allocator = new Allocator(cluster);
    updates = new Updates(cluster);
    Launcher launcher = new Launcher(cluster, updates);
    Conversions conversions = new Conversions(cluster, updates);
    Accepts accepts = new Accepts(cluster, updates, conversions, launcher);
    subscriptions = new Subscriptions(cluster, updates, launcher, this::allocateSoon);
    Reconciliation reconciliation = new Reconciliation(cluster, updates);
    schedulerCalls = new SchedulerCalls(cluster, accepts, updates, reconciliation, subscriptions, launcher,
        this::allocateSoon);
    Agents agents = new Agents(cluster, updates, launcher, this::allocateSoon);
    operatorCalls = new OperatorCalls(cluster, new Views(cluster, allocator), conversions, agents, subscriptions);
    faults = new Faults(this, cluster, agents);
    call(() -> {
      config.agents().forEach(spec -> agents.register(spec, hosts.apply(spec)));
      return null;
    });
  }

  public void start() {
    long interval = cluster.config.allocationInterval().toMillis();
    thread.scheduleWithFixedDelay(guard(this::allocate), interval, interval, TimeUnit.MILLISECONDS);
    long heartbeat = cluster.config.heartbeatInterval().toMillis();
    thread.scheduleAtFixedRate(guard(this::heartbeat), heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    thread.scheduleWithFixedDelay(guard(updates::retryDue), 1, 1, TimeUnit.SECONDS);
    log.info("Mesos master {} simulated with {} agents", cluster.masterInfo.getId(), cluster.agents.size());
  }

  /** Runs fn on the master's thread and waits for it: every read and write of the cluster goes through here. */
  public <T> T call(Callable<T> fn) {
    if (Thread.currentThread().getName().equals(THREAD)) {
      throw new IllegalStateException("Master.call from the master's own thread would wait for itself");
    }
    java.util.concurrent.Future<T> result = thread.submit(fn);
    try {
      return result.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      result.cancel(false); // not applied after the caller gave up
      throw new IllegalStateException("the master did not answer within 30 s", e);
    }
  }

  /** Allocation also runs soon after a framework subscribes, revives, or an agent joins — as Mesos does. */
  void allocateSoon() {
    if (allocationPending.compareAndSet(false, true)) cluster.post(this::allocate);
  }

  private void allocate() {
    allocationPending.set(false);
    allocator.allocate();
  }

  /** One allocation cycle now; returns the number of offers made (benchmarks and tests). */
  public int allocateNow() {
    return call(allocator::allocate);
  }

  private void heartbeat() {
    if (cluster.heartbeatsPaused) return;
    cluster.frameworks.values().forEach(f -> f.send(Events.heartbeat()));
  }

  /** Scheduled work must not die silently: an exception is logged and the schedule goes on. */
  static Runnable guard(Runnable r) {
    return () -> {
      try {
        r.run();
      } catch (RuntimeException e) {
        log.error("Master task failed", e);
      }
    };
  }

  // --- the HTTP layer's entry points ---

  public boolean recovering() {
    return call(cluster::recovering);
  }

  /** The leading master's host:port when this one is not the leader, else null. */
  public String redirectTo() {
    return cluster.leader;
  }

  public long latencyMillis() {
    return cluster.latencyMillis;
  }

  public SimConfig config() {
    return cluster.config;
  }

  /** Returns the subscribed framework's id, or null when the subscription was refused (an ERROR on the stream). */
  public String subscribe(Call.Subscribe subscribe, String principal, String streamId, EventSink sink) {
    return call(() -> subscriptions.subscribe(subscribe, principal, streamId, sink));
  }

  /** The framework's stream ended (client gone or write failed). */
  public void streamClosed(String frameworkId, EventSink sink) {
    cluster.post(() -> {
      SimFramework framework = cluster.frameworks.get(frameworkId);
      if (framework != null) subscriptions.disconnected(framework, sink);
    });
  }

  public Reply schedulerCall(Call call, String principal, String streamId) {
    return call(() -> schedulerCalls.handle(call, principal, streamId));
  }

  public OperatorResult operatorCall(org.apache.mesos.v1.master.Protos.Call call) {
    return call(() -> operatorCalls.handle(call));
  }

  /** GET_MASTER and GET_STATE taken in one turn of the master's thread: one consistent snapshot. */
  public StateSnapshot state() {
    return call(() -> new StateSnapshot(
        operatorCalls.handle(operatorCall(Type.GET_MASTER)).response().getGetMaster(),
        operatorCalls.handle(operatorCall(Type.GET_STATE)).response().getGetState()));
  }

  public record StateSnapshot(Response.GetMaster master, Response.GetState state) {}

  private static org.apache.mesos.v1.master.Protos.Call operatorCall(Type type) {
    return org.apache.mesos.v1.master.Protos.Call.newBuilder().setType(type).build();
  }

  /**
   * Resource accounting errors: on every agent, total must equal available + offered + used (tasks and executors).
   * Empty when nothing leaked; tests check it after every scenario.
   */
  public java.util.List<String> accountingErrors() {
    return call(() -> {
      java.util.List<String> errors = new java.util.ArrayList<>();
      for (SimAgent agent : cluster.agents.values()) {
        io.mooring.sim.resources.Resources accounted = io.mooring.sim.resources.Resources.sum(java.util.List.of(
            agent.available.snapshot(), cluster.offered(agent).unallocated(), Conversions.inUse(agent)));
        if (!accounted.equals(agent.total.snapshot())) {
          errors.add("agent " + agent.id + ": total " + agent.total + " but available + offered + used " + accounted);
        }
      }
      return errors;
    });
  }

  public Faults faults() {
    return faults;
  }

  @Override
  public void close() {
    call(() -> {
      cluster.frameworks.values().forEach(f -> {
        if (f.sink != null) f.sink.close();
      });
      for (SimAgent agent : cluster.agents.values()) {
        agent.containers.values().forEach(c -> c.kill(java.time.Duration.ZERO)); // idempotent per container
      }
      return null;
    });
    thread.shutdownNow();
  }
}
