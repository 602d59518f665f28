package io.mooring.sim.resources;

import org.apache.mesos.v1.Protos.Resource;

/**
 * One resource of a bag: its identity and its value. The proto is built only when someone asks for it, and an entry
 * taken unchanged from a proto hands that proto back, so arithmetic on bags builds no protos.
 */
final class Entry {
  final ResourceKey key;
  final Quantity quantity;
  private volatile Resource proto; // cache; racing threads would build equal protos

  private Entry(ResourceKey key, Quantity quantity, Resource proto) {
    this.key = key;
    this.quantity = quantity;
    this.proto = proto;
  }

  /** An entry for a valid resource in the post-refinement format (see {@link ResourceValidator}). */
  static Entry of(Resource r) {
    Quantity quantity = Quantity.of(r);
    if (quantity == null) throw new IllegalArgumentException("Resource without a supported value: " + r);
    return new Entry(ResourceKey.of(r), quantity, quantity.isEncodedIn(r) ? r : null);
  }

  Entry withQuantity(Quantity newQuantity) {
    return new Entry(key, newQuantity, null);
  }

  Entry withKey(ResourceKey newKey) {
    return newKey == key ? this : new Entry(newKey, quantity, null);
  }

  boolean isEmpty() {
    return quantity.isEmpty();
  }

  Resource toProto() {
    Resource p = proto;
    if (p == null) {
      p = build();
      proto = p;
    }
    return p;
  }

  private Resource build() {
    Resource template = key.template();
    boolean allocationOk = key.allocationMatchesTemplate();
    boolean valueOk = quantity.isEncodedIn(template);
    if (allocationOk && valueOk) return template;
    Resource.Builder b = template.toBuilder();
    if (!allocationOk) {
      if (key.allocation() == null) b.clearAllocationInfo();
      else b.setAllocationInfo(key.allocation());
    }
    if (!valueOk) quantity.writeTo(b);
    return b.build();
  }

  @Override
  public String toString() {
    return ResourceText.describe(toProto());
  }
}
