package io.mooring.definition.store;

import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.StoredRunSpec;
import io.mooring.runtime.etcd.EtcdStore;
import io.mooring.runtime.etcd.Txn;
import io.mooring.runtime.etcd.Versioned;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * definition-service's keys in etcd. Apps and pods share one id space:
 * <pre>
 * /mooring/v1/definitions/runspecs/group/app          current StoredRunSpec (app or pod)
 * /mooring/v1/definitions/versions/group/app@VERSION  every version, kept until the run spec is deleted
 * /mooring/v1/definitions/finished-deployment        the Deployment that finished last, as it ended
 * /mooring/v1/deployments/ID                          running Deployment (deleted once finished)
 * </pre>
 * The one finished-deployment key is rewritten as each deployment ends, in the transaction that forgets it: its
 * history (what a watch of it sees) says how every deployment ended, and it never grows.
 * Ids cannot contain '@', so a version prefix never matches another id. Every change writes the current spec, its
 * version and its deployment in one transaction guarded by the current key's mod_revision.
 */
@Singleton
public class DefinitionStore {
  public static final String RUNSPECS = "/mooring/v1/definitions/runspecs";
  static final String VERSIONS = "/mooring/v1/definitions/versions";
  public static final String DEPLOYMENTS = "/mooring/v1/deployments/";
  public static final String FINISHED_DEPLOYMENT = "/mooring/v1/definitions/finished-deployment";

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

  public Optional<RunSpec> version(String id, String version) {
    return etcd.get(versionKey(id, version), StoredRunSpec.parser()).map(v -> v.value().getSpec());
  }

  /** Newest first. */
  public List<String> versions(String id) {
    String prefix = VERSIONS + id + "@";
    return etcd.keys(prefix).stream().map(key -> key.substring(prefix.length()))
        .sorted(Comparator.reverseOrder()).toList();
  }

  /**
   * Stores {@code stored} as version {@code version} if {@code id} is still at {@code expectedRevision} (0: absent),
   * with its deployment unless that is already finished (a change that needed no action).
   */
  public boolean save(String id, long expectedRevision, StoredRunSpec stored, String version, Deployment deployment) {
    Txn txn = etcd.txn().requireRevision(RUNSPECS + id, expectedRevision)
        .put(RUNSPECS + id, stored)
        .put(versionKey(id, version), stored);
    return withDeployment(txn, deployment).commit().succeeded();
  }

  /** Removes the run spec and all its versions if it is still at {@code expectedRevision}. */
  public boolean delete(String id, long expectedRevision, Deployment deployment) {
    Txn txn = etcd.txn().requireRevision(RUNSPECS + id, expectedRevision)
        .delete(RUNSPECS + id)
        .deletePrefix(VERSIONS + id + "@");
    return withDeployment(txn, deployment).commit().succeeded();
  }

  public List<Versioned<Deployment>> deployments() {
    return etcd.list(DEPLOYMENTS, Deployment.parser()).values();
  }

  public Optional<Versioned<Deployment>> deployment(String id) {
    return etcd.get(DEPLOYMENTS + id, Deployment.parser());
  }

  /** Records progress; a finished deployment is forgotten, its end recorded as the last finished one. */
  public boolean updateDeployment(Versioned<Deployment> old, Deployment updated) {
    Txn txn = etcd.txn().requireRevision(old.key(), old.modRevision());
    return (updated.getState() == Deployment.State.RUNNING ? txn.put(old.key(), updated)
        : txn.delete(old.key()).put(FINISHED_DEPLOYMENT, updated)).commit().succeeded();
  }

  public EtcdStore etcd() {
    return etcd;
  }

  private static Txn withDeployment(Txn txn, Deployment deployment) {
    return deployment.getState() == Deployment.State.RUNNING ? txn.put(DEPLOYMENTS + deployment.getId(), deployment)
        : txn;
  }

  private static String versionKey(String id, String version) {
    return VERSIONS + id + "@" + version;
  }
}
