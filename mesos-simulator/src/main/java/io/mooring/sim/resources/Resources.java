package io.mooring.sim.resources;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Resource.AllocationInfo;
import org.apache.mesos.v1.Protos.Resource.ReservationInfo;

/**
 * An immutable bag of Mesos resources with Mesos' algebra (src/common/resources.cpp): entries that are addable merge
 * (scalars add in fixed-point milli-units, ranges union, sets union); persistent volumes, MOUNT and BLOCK disks, RAW
 * disks with an id and shared resources never merge and are subtracted only whole. Every resource is kept in the
 * post-refinement format.
 *
 * <p>Like Mesos' {@code Resources}, the factories and single-resource operations accept either reservation format
 * and silently ignore invalid resources (see {@link ResourceValidator}; validate first where the caller must refuse
 * them) and zero-valued ones. Equality is Mesos': as multisets, where a disk's identity ignores {@code disk.volume}
 * and {@code persistence.principal}, and label order does not matter.
 *
 * <p>Operations cost time linear in the sizes of their operands and build no protos; protos are built, once, only
 * for entries whose value or allocation changed and only when read ({@link #toList}, {@link #filter}).
 */
public final class Resources implements Iterable<Resource> {
  public static final Resources EMPTY = new Resources(List.of());

  private final List<Entry> entries;
  private volatile List<Resource> protos; // cache of toList()
  private int hash; // 0: not yet computed

  private Resources(List<Entry> entries) {
    this.entries = entries;
  }

  static Resources wrap(List<Entry> entries) {
    return entries.isEmpty() ? EMPTY : new Resources(Collections.unmodifiableList(entries));
  }

  List<Entry> entries() {
    return entries;
  }

  public static Resources of(Iterable<Resource> resources) {
    Bag bag = new Bag(16);
    for (Resource r : resources) {
      Entry e = entryOrNull(r);
      if (e != null) bag.add(e);
    }
    return bag.toResources();
  }

  public static Resources of(Resource... resources) {
    return of(List.of(resources));
  }

  /** All of them added up in one pass; adding them one by one would copy the growing sum each time. */
  public static Resources sum(Iterable<Resources> all) {
    Bag bag = new Bag(16);
    for (Resources resources : all) resources.entries.forEach(bag::add);
    return bag.toResources();
  }

  /** Null for an invalid resource, which Mesos' Resources ignore; legacy format is upgraded. */
  private static Entry entryOrNull(Resource r) {
    if (ResourceValidator.validate(r).isPresent()) return null;
    return Entry.of(ResourceFormat.convertToRefined(r));
  }

  public List<Resource> toList() {
    List<Resource> list = protos;
    if (list == null) {
      list = entries.stream().map(Entry::toProto).toList();
      protos = list;
    }
    return list;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Number of entries (after merging). */
  public int size() {
    return entries.size();
  }

  public Resources plus(Resources other) {
    if (other.isEmpty()) return this;
    if (isEmpty()) return other;
    Bag bag = Bag.of(this);
    other.entries.forEach(bag::add);
    return bag.toResources();
  }

  public Resources plus(Resource other) {
    Entry e = entryOrNull(other);
    if (e == null || e.isEmpty()) return this;
    Bag bag = Bag.of(this);
    bag.add(e);
    return bag.toResources();
  }

  /** Subtracts what is contained; as Mesos, a part that cannot be subtracted (not subtractable) is left alone. */
  public Resources minus(Resources other) {
    if (other.isEmpty() || isEmpty()) return this;
    Bag bag = Bag.of(this);
    other.entries.forEach(bag::subtract);
    return bag.toResources();
  }

  public Resources minus(Resource other) {
    Entry e = entryOrNull(other);
    if (e == null || e.isEmpty() || isEmpty()) return this;
    Bag bag = Bag.of(this);
    bag.subtract(e);
    return bag.toResources();
  }

  /** Every part of other can be subtracted from this: exclusive entries must be present whole, once each. */
  public boolean contains(Resources other) {
    if (other.isEmpty()) return true;
    Bag bag = Bag.of(this);
    for (Entry e : other.entries) {
      if (!bag.take(e)) return false;
    }
    return true;
  }

  /** False for an invalid resource, as Mesos. */
  public boolean contains(Resource other) {
    Entry e = entryOrNull(other);
    return e != null && Bag.of(this).contains(e);
  }

  public Resources filter(Predicate<Resource> predicate) {
    return select(e -> predicate.test(e.toProto()));
  }

  /** Sum of the scalar resources with this name, in milli-units (llround(value * 1000)). */
  public long scalarMillis(String name) {
    long sum = 0;
    for (Entry e : entries) {
      if (e.quantity instanceof ScalarQuantity scalar && e.key.template().getName().equals(name)) sum += scalar.millis();
    }
    return sum;
  }

  /** Every resource with allocation_info.role set to role. */
  public Resources allocatedTo(String role) {
    AllocationInfo allocation = AllocationInfo.newBuilder().setRole(role).build();
    return rekey(key -> key.withAllocation(allocation));
  }

  /** Every resource without allocation_info. */
  public Resources unallocated() {
    return rekey(key -> key.withAllocation(null));
  }

  /** Each resource with its last reservation popped (UNRESERVE's conversion); throws if one is unreserved. */
  public Resources popReservation() {
    return map(ResourceRules::popReservation);
  }

  /** Each resource with reservation pushed on its stack (RESERVE's conversion). */
  public Resources pushReservation(ReservationInfo reservation) {
    return map(r -> ResourceRules.pushReservation(r, reservation));
  }

  /** Every reservation removed. */
  public Resources toUnreserved() {
    return map(r -> ResourceRules.isReserved(r) ? r.toBuilder().clearReservations().build() : r);
  }

  /** Persistent volumes turned back into the disk they were created on (DESTROY's conversion). */
  public Resources stripVolumes() {
    return map(ResourceRules::stripVolume);
  }

  /** Unreserved resources and those reserved to role or an ancestor of it. */
  public Resources allocatableTo(String role) {
    return selectByIdentity(r -> ResourceRules.isAllocatableTo(r, role));
  }

  public Resources unreserved() {
    return selectByIdentity(ResourceRules::isUnreserved);
  }

  /** Resources whose last reservation is to exactly this role. */
  public Resources reservedTo(String role) {
    return selectByIdentity(r -> ResourceRules.isReservedTo(r, role));
  }

  public Resources persistentVolumes() {
    return selectByIdentity(ResourceRules::isPersistentVolume);
  }

  public Resources revocable() {
    return selectByIdentity(ResourceRules::isRevocable);
  }

  public Resources nonRevocable() {
    return selectByIdentity(r -> !ResourceRules.isRevocable(r));
  }

  /** The allocated resources grouped by allocation role, in order of first appearance; unallocated ones are left out. */
  public Map<String, Resources> allocations() {
    Map<String, List<Entry>> byRole = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (e.key.allocation() != null) byRole.computeIfAbsent(e.key.allocation().getRole(), k -> new ArrayList<>()).add(e);
    }
    Map<String, Resources> result = new LinkedHashMap<>();
    byRole.forEach((role, list) -> result.put(role, wrap(list)));
    return result;
  }

  @Override
  public Iterator<Resource> iterator() {
    return toList().iterator();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    return o instanceof Resources that && size() == that.size() && hashCode() == that.hashCode()
        && contains(that) && that.contains(this);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      for (Entry e : entries) h += 31 * e.key.hashCode() + e.quantity.hashCode(); // order-insensitive
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return entries.stream().map(Entry::toString).collect(Collectors.joining("; "));
  }

  // Removing entries keeps the rest canonical: no re-merging needed.
  private Resources select(Predicate<Entry> keep) {
    List<Entry> kept = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      if (keep.test(e)) kept.add(e);
    }
    return kept.size() == entries.size() ? this : wrap(kept);
  }

  /** For predicates on identity only: the template's value and allocation may be stale, its identity is not. */
  private Resources selectByIdentity(Predicate<Resource> identityPredicate) {
    return select(e -> identityPredicate.test(e.key.template()));
  }

  /** Changes every key; entries that become equal merge. */
  private Resources rekey(UnaryOperator<ResourceKey> change) {
    List<Entry> changed = new ArrayList<>(entries.size());
    boolean any = false;
    for (Entry e : entries) {
      Entry n = e.withKey(change.apply(e.key));
      any |= n != e;
      changed.add(n);
    }
    return any ? rebag(changed) : this;
  }

  /** Converts every proto; entries that become addable merge. */
  private Resources map(UnaryOperator<Resource> convert) {
    List<Entry> converted = new ArrayList<>(entries.size());
    boolean any = false;
    for (Entry e : entries) {
      Resource before = e.toProto();
      Resource after = convert.apply(before);
      any |= after != before;
      converted.add(after == before ? e : Entry.of(after));
    }
    return any ? rebag(converted) : this;
  }

  private static Resources rebag(List<Entry> entries) {
    Bag bag = new Bag(entries.size());
    entries.forEach(bag::add);
    return bag.toResources();
  }
}
