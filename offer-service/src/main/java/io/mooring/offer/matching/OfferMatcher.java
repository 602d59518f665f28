package io.mooring.offer.matching;

import io.mooring.model.RunSpecs;
import io.mooring.proto.v1.LaunchRequest;
import io.mooring.proto.v1.LocalVolume;
import io.mooring.proto.v1.RunSpec;
import io.mooring.proto.v1.RunSpecKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.Offer;

/**
 * Matches one offer against the launch queue, as a pure function. Requests are tried in turn against what is left of
 * the offer, relaunches whose volumes the offer holds first (Marathon gives matchers owning a volume in the offer
 * precedence), so several instances can be placed from one offer in one ACCEPT.
 */
public final class OfferMatcher {
  private OfferMatcher() {}

  /** nowIso: ISO-8601 timestamp used for stagedAt of the new tasks. */
  public static OfferMatch match(Offer offer, List<LaunchRequest> queue, MatchSettings settings, String nowIso) {
    OfferContext ctx = new OfferContext(offer, settings, nowIso);
    ResourcePool pool = ResourcePool.of(offer, settings.role());
    List<Launch> launches = new ArrayList<>();
    Map<String, String> rejections = new LinkedHashMap<>();
    Map<String, Integer> placedHere = new HashMap<>();
    for (LaunchRequest request : precedenceOrder(queue, pool)) {
      if (launches.size() >= settings.maxInstancesPerOffer()) {
        break;  // the rest waits for the next offer
      }
      String runSpecId = runSpecId(request);
      Attempt attempt = attempt(request, pool, peerHosts(request, offer, placedHere.getOrDefault(runSpecId, 0)), ctx);
      if (attempt instanceof Attempt.Placed placed) {
        launches.add(placed.launch());
        pool = pool.minus(placed.consumed());
        placedHere.merge(runSpecId, 1, Integer::sum);
      } else if (attempt instanceof Attempt.Rejected rejected) {
        rejections.putIfAbsent(runSpecId, rejected.reason());
      }
    }
    return new OfferMatch(offer, launches, rejections);
  }

  /**
   * A relaunch waits for this offer's agent: its reservation is recorded there, or the offer holds one of its volumes
   * (the agent rebooted under a new id). Such an agent must not be declined for long.
   */
  public static boolean awaitsAgentOf(LaunchRequest request, Offer offer) {
    if (!request.getOnReservation()) return false;
    if (request.getInstance().getReservation().getAgentId().equals(offer.getAgentId().getValue())) return true;
    Set<String> volumes = request.getInstance().getVolumesList().stream().map(LocalVolume::getPersistenceId)
        .collect(Collectors.toSet());
    return offer.getResourcesList().stream().anyMatch(r -> Ownership.isPersistentVolume(r)
        && volumes.contains(r.getDisk().getPersistence().getId()));
  }

  private static Attempt attempt(LaunchRequest request, ResourcePool pool, List<String> peers, OfferContext ctx) {
    RunSpec spec = request.getSpec();
    if (spec.hasApp()) {
      return request.getOnReservation() ? Relaunch.place(request, spec.getApp(), pool, peers, ctx)
          : FirstPlacement.place(request, spec.getApp(), pool, peers, ctx);
    }
    if (spec.hasPod() && spec.getPod().getContainersCount() > 0) {
      return request.getOnReservation() ? PodRelaunch.place(request, spec.getPod(), pool, peers, ctx)
          : PodFirstPlacement.place(request, spec.getPod(), pool, peers, ctx);
    }
    return Attempt.rejected(RejectReasons.UNSUPPORTED_RUN_SPEC);
  }

  /** Relaunches holding a volume in this offer first, then the rest in queue order. */
  static List<LaunchRequest> precedenceOrder(List<LaunchRequest> queue, ResourcePool pool) {
    Set<String> offeredVolumes = pool.resources().stream().filter(Ownership::isPersistentVolume)
        .map(r -> r.getDisk().getPersistence().getId()).collect(Collectors.toSet());
    List<LaunchRequest> first = new ArrayList<>();
    List<LaunchRequest> rest = new ArrayList<>();
    for (LaunchRequest r : queue) {
      boolean holdsVolume = r.getOnReservation() && r.getInstance().getVolumesList().stream()
          .anyMatch(v -> offeredVolumes.contains(v.getPersistenceId()));
      (holdsVolume ? first : rest).add(r);
    }
    first.addAll(rest);
    return first;
  }

  /** The hosts of the run spec's other instances, plus this offer's host once per instance placed on it already. */
  private static List<String> peerHosts(LaunchRequest request, Offer offer, int placedHere) {
    List<String> peers = new ArrayList<>(request.getPeerHostsList());
    for (int i = 0; i < placedHere; i++) peers.add(offer.getHostname());
    return peers;
  }

  private static String runSpecId(LaunchRequest request) {
    RunSpec spec = request.getSpec();
    return RunSpecs.kind(spec) == RunSpecKind.RUN_SPEC_KIND_UNSPECIFIED ? request.getInstance().getRunSpecId()
        : RunSpecs.id(spec);
  }
}
