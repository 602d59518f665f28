package io.mooring.sim.resources;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/** A set value, its items kept sorted and unique so that encodings in any order compare equal. */
record SetQuantity(List<String> items) implements Quantity {

  static SetQuantity of(Value.Set set) {
    return of(set.getItemList());
  }

  static SetQuantity of(Collection<String> items) {
    return new SetQuantity(List.copyOf(new TreeSet<>(items)));
  }

  @Override
  public Quantity plus(Quantity other) {
    TreeSet<String> union = new TreeSet<>(items);
    union.addAll(((SetQuantity) other).items);
    return new SetQuantity(List.copyOf(union));
  }

  @Override
  public Quantity minus(Quantity other) {
    TreeSet<String> difference = new TreeSet<>(items);
    ((SetQuantity) other).items.forEach(difference::remove);
    return new SetQuantity(List.copyOf(difference));
  }

  @Override
  public boolean contains(Quantity other) {
    return new TreeSet<>(items).containsAll(((SetQuantity) other).items);
  }

  @Override
  public boolean isEmpty() {
    return items.isEmpty();
  }

  @Override
  public boolean isEncodedIn(Resource r) {
    return r.hasSet() && !r.hasScalar() && !r.hasRanges() && r.getSet().getItemList().equals(items);
  }

  @Override
  public void writeTo(Resource.Builder b) {
    b.clearScalar().clearRanges().setSet(Value.Set.newBuilder().addAllItem(items));
  }

  @Override
  public String toString() {
    return "{" + String.join(", ", items) + "}";
  }
}
