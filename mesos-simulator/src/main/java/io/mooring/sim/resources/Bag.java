package io.mooring.sim.resources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable working form behind {@link Resources}' operations: one merged entry per divisible key, a list of whole
 * entries per exclusive key. Hashing by key keeps every operation linear in the sizes of its operands, even for
 * cluster-wide bags with thousands of volumes. Insertion order is kept for stable output.
 */
final class Bag {
  private final LinkedHashMap<ResourceKey, Object> slots; // Entry, or ArrayList<Entry> for exclusive keys
  private int size;

  Bag(int expectedSize) {
    slots = new LinkedHashMap<>(Math.max(4, expectedSize * 2));
  }

  static Bag of(Resources resources) {
    Bag bag = new Bag(resources.entries().size() + 4);
    resources.entries().forEach(bag::add);
    return bag;
  }

  void add(Entry e) {
    if (e.isEmpty()) return;
    Object slot = slots.get(e.key);
    if (e.key.divisible()) {
      if (slot == null) {
        slots.put(e.key, e);
        size++;
      } else {
        Entry held = (Entry) slot; // like Mesos, the entry already there keeps its proto details
        slots.put(e.key, held.withQuantity(held.quantity.plus(e.quantity)));
      }
    } else {
      wholes(slot, e.key).add(e);
      size++;
    }
  }

  /** Mesos' subtraction: divisible entries lose what they can, exclusive ones go only if equal whole. */
  void subtract(Entry e) {
    if (e.isEmpty()) return;
    Object slot = slots.get(e.key);
    if (slot == null) return;
    if (slot instanceof Entry held) {
      Quantity rest = held.quantity.minus(e.quantity);
      if (rest.isEmpty()) {
        slots.remove(e.key);
        size--;
      } else {
        slots.put(e.key, held.withQuantity(rest));
      }
      return;
    }
    List<Entry> list = asList(slot);
    if (removeOne(list, e.quantity)) {
      size--;
      if (list.isEmpty()) slots.remove(e.key);
    }
  }

  boolean contains(Entry e) {
    if (e.isEmpty()) return true;
    Object slot = slots.get(e.key);
    if (slot == null) return false;
    if (slot instanceof Entry held) return held.quantity.contains(e.quantity);
    for (Entry whole : asList(slot)) {
      if (whole.quantity.equals(e.quantity)) return true;
    }
    return false;
  }

  /**
   * Everything in wanted could be taken at once: each divisible entry is covered, and each exclusive entry is held
   * as many times as wanted asks for it. Costs the size of wanted, not of this bag.
   */
  boolean containsAll(Bag wanted) {
    for (Map.Entry<ResourceKey, Object> slot : wanted.slots.entrySet()) {
      Object held = slots.get(slot.getKey());
      if (held == null) return false;
      if (slot.getValue() instanceof Entry e) {
        if (!((Entry) held).quantity.contains(e.quantity)) return false;
        continue;
      }
      List<Entry> unmatched = new ArrayList<>(asList(held));
      for (Entry whole : asList(slot.getValue())) {
        if (!removeOne(unmatched, whole.quantity)) return false;
      }
    }
    return true;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** Subtracts e if contained; false (and nothing changed) otherwise. */
  boolean take(Entry e) {
    if (!contains(e)) return false;
    subtract(e);
    return true;
  }

  Resources toResources() {
    List<Entry> entries = new ArrayList<>(size);
    for (Object slot : slots.values()) {
      if (slot instanceof Entry e) entries.add(e);
      else entries.addAll(asList(slot));
    }
    return Resources.wrap(entries);
  }

  private List<Entry> wholes(Object slot, ResourceKey key) {
    if (slot != null) return asList(slot);
    List<Entry> list = new ArrayList<>(1);
    slots.put(key, list);
    return list;
  }

  /** Removes one whole entry of exactly this quantity; false if there is none. */
  private static boolean removeOne(List<Entry> wholes, Quantity quantity) {
    for (int i = 0; i < wholes.size(); i++) {
      if (wholes.get(i).quantity.equals(quantity)) {
        wholes.remove(i);
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static List<Entry> asList(Object slot) {
    return (List<Entry>) slot;
  }
}
