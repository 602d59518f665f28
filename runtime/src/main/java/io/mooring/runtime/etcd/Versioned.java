package io.mooring.runtime.etcd;

/** A stored value and the etcd mod_revision it was read at: pass the revision back to compare-and-swap. */
public record Versioned<T>(String key, T value, long modRevision) {}
