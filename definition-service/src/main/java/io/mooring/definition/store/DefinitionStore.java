package io.mooring.definition.store;

import io.mooring.proto.v1.Deployment;
import io.mooring.proto.v1.RunSpec;
import io.mooring.runtime.etcd.EtcdStore;
import io.mooring.runtime.etcd.Versioned;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * definition-service's keys in etcd. Apps and pods share one id space:
 * <pre>
 * /mooring/v1/definitions/runspecs/group/app          current RunSpec (app or pod)
 * /mooring/v1/definitions/versions/group/app@VERSION  every version, kept until the run spec is deleted
 * /mooring/v1/deployments/ID                          Deployment
 * </pre>
 * Ids cannot contain '@', so a version prefix never matches another id. Every change writes the current spec, its
 * version and its deployment in one transaction guarded by the current key's mod_revision.
 */
@Singleton
public class DefinitionStore {
  public static final String RUNSPECS = "/mooring/v1/definitions/runspecs";
  static final String VERSIONS = "/mooring/v1/definitions/versions";
  static final String DEPLOYMENTS = "/mooring/v1/deployments/";

  private final EtcdStore etcd;

  public DefinitionStore(EtcdStore etcd) {
    this.etcd = etcd;
  }

  public Optional<Versioned<RunSpec>> current(String id) {
    return etcd.get(RUNSPECS + id, RunSpec.parser());
  }

  public EtcdStore.Listing<RunSpec> all() {
    return etcd.list(RUNSPECS + "/", RunSpec.parser());
  }

  public Optional<RunSpec> version(String id, String version) {
    return etcd.get(versionKey(id, version), RunSpec.parser()).map(Versioned::value);
  }

  /** Newest first. */
  public List<String> versions(String id) {
    String prefix = VERSIONS + id + "@";
    return etcd.keys(prefix).stream().map(key -> key.substring(prefix.length()))
        .sorted(Comparator.reverseOrder()).toList();
  }

  /** Stores {@code spec} as version {@code version} if {@code id} is still at {@code expectedRevision} (0: absent). */
  public boolean save(String id, long expectedRevision, RunSpec spec, String version, Deployment deployment) {
    return etcd.txn().requireRevision(RUNSPECS + id, expectedRevision)
        .put(RUNSPECS + id, spec)
        .put(versionKey(id, version), spec)
        .put(DEPLOYMENTS + deployment.getId(), deployment)
        .commit().succeeded();
  }

  /** Removes the run spec and all its versions if it is still at {@code expectedRevision}. */
  public boolean delete(String id, long expectedRevision, Deployment deployment) {
    return etcd.txn().requireRevision(RUNSPECS + id, expectedRevision)
        .delete(RUNSPECS + id)
        .deletePrefix(VERSIONS + id + "@")
        .put(DEPLOYMENTS + deployment.getId(), deployment)
        .commit().succeeded();
  }

  public List<Versioned<Deployment>> deployments() {
    return etcd.list(DEPLOYMENTS, Deployment.parser()).values();
  }

  public Optional<Versioned<Deployment>> deployment(String id) {
    return etcd.get(DEPLOYMENTS + id, Deployment.parser());
  }

  public boolean updateDeployment(Versioned<Deployment> old, Deployment updated) {
    return etcd.compareAndSwap(old.key(), old.modRevision(), updated);
  }

  public EtcdStore etcd() {
    return etcd;
  }

  private static String versionKey(String id, String version) {
    return VERSIONS + id + "@" + version;
  }
}
