package io.mooring.offer.matching;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Offer;

/**
 * The result for one offer: launches in order (their operations concatenated form one ACCEPT), and per run spec the
 * reason it was not placed.
 */
public record OfferMatch(Offer offer, List<Launch> launches, Map<String, String> rejections) {

  public OfferMatch {
    launches = List.copyOf(launches);
    rejections = Collections.unmodifiableMap(new LinkedHashMap<>(rejections));
  }

  /** All operations of all launches, in order: the body of the single ACCEPT for this offer. */
  public List<Offer.Operation> operations() {
    List<Offer.Operation> all = new ArrayList<>();
    launches.forEach(launch -> all.addAll(launch.operations()));
    return List.copyOf(all);
  }
}
