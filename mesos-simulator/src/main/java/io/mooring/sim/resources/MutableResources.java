package io.mooring.sim.resources;

/**
 * A bag of resources changed in place, for what changes a little at a time and is read far less often: an agent's
 * total and available resources, what is left of an ACCEPT's offers. With {@link Resources}, every sum or difference
 * copies the whole bag, so each operation on an agent holding thousands of labelled reservations and volumes would
 * cost thousands; here adding, subtracting and containment cost the size of their operand only. The algebra is
 * {@link Resources}'. A {@link #snapshot} costs the size of the bag once after each change. Not thread-safe.
 */
public final class MutableResources {
  private final Bag bag;
  private Resources snapshot; // null: changed since the last snapshot

  public MutableResources(Resources initial) {
    bag = Bag.of(initial);
    snapshot = initial;
  }

  public void add(Resources resources) {
    if (resources.isEmpty()) return;
    resources.entries().forEach(bag::add);
    snapshot = null;
  }

  /** As {@link Resources#minus}: a part that cannot be subtracted is left alone. */
  public void subtract(Resources resources) {
    if (resources.isEmpty()) return;
    resources.entries().forEach(bag::subtract);
    snapshot = null;
  }

  /** As {@link Resources#contains(Resources)}. */
  public boolean contains(Resources resources) {
    return resources.isEmpty() || bag.containsAll(Bag.of(resources));
  }

  public boolean isEmpty() {
    return bag.isEmpty();
  }

  /** The bag as it is now, immutable. */
  public Resources snapshot() {
    Resources current = snapshot;
    if (current == null) {
      current = bag.toResources();
      snapshot = current;
    }
    return current;
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }
}
