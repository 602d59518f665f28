package io.mooring.definition.store;

import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.StoredRunSpec;
import io.mooring.runtime.etcd.EtcdStore;
import io.mooring.runtime.etcd.Txn;
import io.mooring.runtime.etcd.Versioned;
import jakarta.inject.Singleton;
import io.mooring.proto.v1.DeploymentLock;
import io.mooring.proto.v1.FinishedDeployments;
import io.mooring.proto.v1.Group;
import io.mooring.proto.v1.RollbackImage;
import io.mooring.proto.v1.ServicePortOwner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * definition-service's keys in etcd. Apps and pods share one id space:
 * <pre>
 * /mooring/v1/definitions/runspecs/group/app          current StoredRunSpec (app or pod)
 * /mooring/v1/definitions/versions/group/app@VERSION  every version, kept until the run spec is deleted
 * /mooring/v1/definitions/groups/group                a Group created or changed through the groups API
 * /mooring/v1/definitions/group-versions/group@VERSION its versions
 * /mooring/v1/definitions/locks/group/app             DeploymentLock: the running deployment that holds the run spec
 * /mooring/v1/definitions/before/DEPLOYMENT           RollbackImage: what a running deployment changed, as it was
 * /mooring/v1/definitions/service-ports/PORT          ServicePortOwner: the app holding a service port of the range
 * /mooring/v1/definitions/finished-deployment         FinishedDeployments: those that ended last, as they ended
 * /mooring/v1/deployments/ID                          running Deployment (deleted once finished)
 * </pre>
 * The one finished-deployment key is rewritten as deployments end, in the transaction that forgets them: its
 * history (what a watch of it sees) says how every deployment ended, and it never grows.
 * Ids cannot contain '@', so a version prefix never matches another id. Every change is one transaction, guarded by
 * the mod_revision of each run spec and lock it read: a deployment, its locks and its run specs never part.
 */
@Singleton
public class DefinitionStore {
  public static final String RUNSPECS = "/mooring/v1/definitions/runspecs";
  static final String VERSIONS = "/mooring/v1/definitions/versions";
  static final String GROUPS = "/mooring/v1/definitions/groups";
  static final String GROUP_VERSIONS = "/mooring/v1/definitions/group-versions";
  static final String LOCKS = "/mooring/v1/definitions/locks";
  static final String BEFORE = "/mooring/v1/definitions/before/";
  static final String SERVICE_PORTS = "/mooring/v1/definitions/service-ports/";
  public static final String DEPLOYMENTS = "/mooring/v1/deployments/";
  public static final String FINISHED_DEPLOYMENT = "/mooring/v1/definitions/finished-deployment";
  /** etcd refuses a transaction of more than 128 operations by default (--max-txn-ops). */
  public static final int MAX_TXN_OPS = 128;

  private final EtcdStore etcd;

  public DefinitionStore(EtcdStore etcd) {
    this.etcd = etcd;
  }

  public Optional<Versioned<StoredRunSpec>> current(String id) {
    return etcd.get(RUNSPECS + id, StoredRunSpec.parser());
  }

  public EtcdStore.Listing<StoredRunSpec> all() {
    return etcd.list(RUNSPECS + "/", StoredRunSpec.parser());
  }

  /** The run specs under group {@code id} (every one for the root). */
  public List<Versioned<StoredRunSpec>> under(String groupId) {
    return etcd.list(RUNSPECS + (groupId.equals("/") ? "/" : groupId + "/"), StoredRunSpec.parser()).values();
  }

  public Optional<RunSpec> version(String id, String version) {
    return etcd.get(versionKey(id, version), StoredRunSpec.parser()).map(v -> v.value().getSpec());
  }

  /** Newest first. */
  public List<String> versions(String id) {
    return versionsUnder(VERSIONS + id + "@");
  }

  public Optional<Versioned<Group>> group(String id) {
    return etcd.get(GROUPS + id, Group.parser());
  }

  public List<Group> groups() {
    return etcd.list(GROUPS + "/", Group.parser()).values().stream().map(Versioned::value).toList();
  }

  /** Newest first. */
  public List<String> groupVersions(String id) {
    return versionsUnder(GROUP_VERSIONS + id + "@");
  }

  private List<String> versionsUnder(String prefix) {
    return etcd.keys(prefix).stream().map(key -> key.substring(prefix.length()))
        .sorted(Comparator.reverseOrder()).toList();
  }

  /** The lock of each of {@code ids} that has one. */
  public Map<String, Versioned<DeploymentLock>> locks(Collection<String> ids) {
    Map<String, Versioned<DeploymentLock>> locks = new HashMap<>();
    for (String id : ids) {
      etcd.get(LOCKS + id, DeploymentLock.parser()).ifPresent(lock -> locks.put(id, lock));
    }
    return locks;
  }

  /** Every service port an app holds. */
  public Set<Integer> servicePorts() {
    return etcd.keys(SERVICE_PORTS).stream().map(key -> Integer.parseInt(key.substring(SERVICE_PORTS.length())))
        .collect(Collectors.toSet());
  }

  public Optional<RollbackImage> before(String deploymentId) {
    return etcd.get(BEFORE + deploymentId, RollbackImage.parser()).map(Versioned::value);
  }

  /**
   * Commits {@code change} if every run spec, lock and canceled deployment it read is still as it was read; false
   * when another writer came in between. The deployment and its locks are written before the run specs, so that a
   * watcher learns of a deployment's order before it sees the run specs it holds back.
   */
  public boolean commit(ChangeSet change) {
    Txn txn = etcd.txn();
    Map<String, Boolean> locks = new LinkedHashMap<>();  // key -> put (true) or delete (false), each key once
    Deployment deployment = change.deployment();
    boolean running = deployment.getState() == Deployment.State.RUNNING;
    canceling(txn, change.canceled(), locks);
    if (running) {
      txn.put(DEPLOYMENTS + deployment.getId(), deployment).put(BEFORE + deployment.getId(), change.before());
    }
    for (ChangeSet.Write write : change.writes()) {
      if (write.lockRevision() >= 0) {
        txn.requireRevision(LOCKS + write.id(), write.lockRevision());
      }
      if (running) {
        locks.put(LOCKS + write.id(), true);
      }
    }
    locks.forEach((key, put) -> {
      if (put) {
        txn.put(key, DeploymentLock.newBuilder().setDeploymentId(deployment.getId()).build());
      } else {
        txn.delete(key);
      }
    });
    change.servicePorts().forEach((port, owner) -> {
      if (owner.isEmpty()) {
        txn.delete(SERVICE_PORTS + port);
      } else {
        txn.put(SERVICE_PORTS + port, ServicePortOwner.newBuilder().setRunSpecId(owner.get()).build());
      }
    });
    change.newServicePorts().forEach(port -> txn.requireAbsent(SERVICE_PORTS + port));
    for (ChangeSet.Write write : change.writes()) {
      txn.requireRevision(RUNSPECS + write.id(), write.expectedRevision());
      if (write.after().isPresent()) {
        txn.put(RUNSPECS + write.id(), write.after().get()).put(versionKey(write.id(), change.version()),
            write.after().get());
      } else {
        txn.delete(RUNSPECS + write.id()).deletePrefix(VERSIONS + write.id() + "@");
      }
    }
    for (Group group : change.groups()) {
      txn.put(GROUPS + group.getId(), group).put(GROUP_VERSIONS + group.getId() + "@" + group.getVersion(), group);
    }
    for (String groupId : change.deletedGroups()) {
      txn.delete(GROUPS + groupId).deletePrefix(GROUPS + groupId + "/")
          .deletePrefix(GROUP_VERSIONS + groupId + "@").deletePrefix(GROUP_VERSIONS + groupId + "/");
    }
    if (!change.canceled().isEmpty()) {
      txn.put(FINISHED_DEPLOYMENT, canceled(change.canceled(), deployment.getCreatedAt()));
    }
    return txn.commit().succeeded();
  }

  /** Cancels the running deployments, with their locks, if none of them changed since read. */
  public boolean cancel(List<Versioned<Deployment>> deployments, String now) {
    Txn txn = etcd.txn();
    Map<String, Boolean> locks = new LinkedHashMap<>();
    canceling(txn, deployments, locks);
    locks.keySet().forEach(txn::delete);
    return txn.put(FINISHED_DEPLOYMENT, canceled(deployments, now)).commit().succeeded();
  }

  /** Deletes the deployments (guarded by their revisions) and their rollback images; their locks go to {@code locks}. */
  private static void canceling(Txn txn, List<Versioned<Deployment>> deployments, Map<String, Boolean> locks) {
    for (Versioned<Deployment> canceled : deployments) {
      txn.requireRevision(canceled.key(), canceled.modRevision()).delete(canceled.key())
          .delete(BEFORE + canceled.value().getId());
      affected(canceled.value()).forEach(id -> locks.put(LOCKS + id, false));
    }
  }

  private static FinishedDeployments canceled(List<Versioned<Deployment>> deployments, String now) {
    FinishedDeployments.Builder ended = FinishedDeployments.newBuilder();
    deployments.forEach(c -> ended.addDeployments(c.value().toBuilder().setState(Deployment.State.CANCELED)
        .clearCurrentActions().setFinishedAt(now)));
    return ended.build();
  }

  public List<Versioned<Deployment>> deployments() {
    return etcd.list(DEPLOYMENTS, Deployment.parser()).values();
  }

  /** The running deployments as they were at {@code revision}. */
  public List<Versioned<Deployment>> deployments(long revision) {
    return etcd.list(DEPLOYMENTS, Deployment.parser(), revision).values();
  }

  public Optional<Versioned<Deployment>> deployment(String id) {
    return etcd.get(DEPLOYMENTS + id, Deployment.parser());
  }

  /** Records progress; a finished deployment is forgotten with its locks, its end recorded as the last one. */
  public boolean updateDeployment(Versioned<Deployment> old, Deployment updated) {
    Txn txn = etcd.txn().requireRevision(old.key(), old.modRevision());
    if (updated.getState() == Deployment.State.RUNNING) {
      return txn.put(old.key(), updated).commit().succeeded();
    }
    txn.delete(old.key()).delete(BEFORE + updated.getId())
        .put(FINISHED_DEPLOYMENT, FinishedDeployments.newBuilder().addDeployments(updated).build());
    affected(updated).forEach(id -> txn.delete(LOCKS + id));
    return txn.commit().succeeded();
  }

  public EtcdStore etcd() {
    return etcd;
  }

  public static List<String> affected(Deployment deployment) {
    List<String> ids = new ArrayList<>(deployment.getAffectedAppsList());
    ids.addAll(deployment.getAffectedPodsList());
    return ids;
  }

  private static String versionKey(String id, String version) {
    return VERSIONS + id + "@" + version;
  }
}
