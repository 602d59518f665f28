package io.mooring.gc.collect;

import io.mooring.gc.core.ClusterView;
import io.mooring.gc.core.Orphan;
import io.mooring.gc.core.Step;
import io.mooring.mesos.ReservedResources;
import io.mooring.model.Timestamps;
import io.mooring.proto.v1.Cleaned;
import io.mooring.proto.v1.Cleanup;
import io.mooring.proto.v1.Garbage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos.Resource;

/**
 * The writes and calls of one pass, gathered from the decisions before anything is done: records to put and
 * delete, Mesos calls to make (each with the intent written before it), and what to expunge.
 */
final class Plan {
  /** A call to make; {@code intent} is written to etcd before it. */
  record Work(String key, Cleanup intent, Step step) {}

  private final long now;
  private final long absentGraceMillis;
  private final Map<String, Cleanup> records;
  private final Map<String, Cleanup> puts = new LinkedHashMap<>();
  private final List<String> deletes = new ArrayList<>();
  private final List<Work> work = new ArrayList<>();
  private final Map<Cleaned, String> expunges = new LinkedHashMap<>();
  private int waiting;

  Plan(long now, Duration absentGrace, Map<String, Cleanup> records) {
    this.now = now;
    this.absentGraceMillis = absentGrace.toMillis();
    this.records = records;
  }

  void garbage(Garbage item, Step step) {
    String key = Collector.GARBAGE + item.getKey();
    Cleanup record = records.get(key);
    if (backingOff(record)) {
      waiting++;
      return;
    }
    Cleanup base = record != null ? record : Cleanup.newBuilder().setInstanceId(item.getInstanceId())
        .setAgentId(item.getAgentId()).addAllResources(item.getResourcesList()).setReason(item.getReason())
        .setGarbageId(item.getId()).setSinceMillis(now).build();
    boolean vanishedLongEnough = step instanceof Step.Vanished && record != null
        && record.getPhase() == Cleanup.Phase.ABSENT && record.getNotBeforeMillis() <= now;
    if (step instanceof Step.Expunge || vanishedLongEnough) {
      expunges.put(Cleaned.newBuilder().setInstanceId(item.getInstanceId()).setAgentId(item.getAgentId())
          .setGarbageId(item.getId()).build(), key);
    } else if (step instanceof Step.Vanished vanished) {
      waiting++;
      if (record == null || record.getPhase() != Cleanup.Phase.ABSENT) {
        long until = now + absentGraceMillis;
        puts.put(key, base.toBuilder().setPhase(Cleanup.Phase.ABSENT).setNotBeforeMillis(until)
            .setLastError("agent " + vanished.agentId() + " is unknown to the master (gone, or unreachable): "
                + "forgotten unless it returns by " + Timestamps.format(until)).build());
      }
    } else {
      act(key, base, step);
    }
  }

  /** An orphan past its grace period; once nothing of it is left, the review forgets its record. */
  void orphan(Orphan orphan, Step step) {
    String key = Collector.ORPHAN + orphan.key();
    Cleanup record = records.get(key);
    if (record == null || backingOff(record) || step instanceof Step.Expunge || step instanceof Step.Vanished) {
      return;
    }
    act(key, record, step);
  }

  private void act(String key, Cleanup base, Step step) {
    if (step instanceof Step.Wait wait) {
      waiting++;
      Cleanup waitingRecord = base.toBuilder().setPhase(Cleanup.Phase.WAITING).setLastError(wait.why()).build();
      if (!waitingRecord.equals(records.get(key))) puts.put(key, waitingRecord);
    } else if (step instanceof Step.Destroy destroy) {
      work.add(new Work(key, intent(base, Cleanup.Phase.DESTROYING, destroy.agent(), destroy.volumes()), step));
    } else if (step instanceof Step.Unreserve unreserve) {
      work.add(new Work(key, intent(base, Cleanup.Phase.UNRESERVING, unreserve.agent(), unreserve.resources()), step));
    }
  }

  /** The record written before the call: the phase, where, and what the call acts on. */
  private static Cleanup intent(Cleanup base, Cleanup.Phase phase, ClusterView.Agent agent, List<Resource> target) {
    Cleanup.Builder intent = base.toBuilder().setPhase(phase).setAttempts(base.getAttempts() + 1)
        .setAgentId(agent.id()).setHostname(agent.hostname()).clearResources().setLastError("");
    target.stream().map(ReservedResources::of).forEach(intent::addResources);
    return intent.build();
  }

  /** After a refused or unanswered call; an orphan's grace and an absent agent's are judged anew every pass. */
  private boolean backingOff(Cleanup record) {
    return record != null && record.getPhase() != Cleanup.Phase.GRACE && record.getPhase() != Cleanup.Phase.ABSENT
        && record.getNotBeforeMillis() > now;
  }

  /** The recorded orphans and when each was first seen unreferenced. */
  Map<String, Long> firstSeen() {
    Map<String, Long> seen = new LinkedHashMap<>();
    records.forEach((key, record) -> {
      if (key.startsWith(Collector.ORPHAN)) seen.put(key.substring(Collector.ORPHAN.length()), record.getSinceMillis());
    });
    return seen;
  }

  void firstSeen(Orphan orphan, long graceEnd) {
    Cleanup.Builder record = Cleanup.newBuilder().setInstanceId(orphan.owner().getInstanceId())
        .setAgentId(orphan.agentId()).setHostname(orphan.hostname())
        .setReason(Garbage.Reason.UNKNOWN_INSTANCE).setPhase(Cleanup.Phase.GRACE)
        .setSinceMillis(now).setNotBeforeMillis(graceEnd);
    orphan.resources().stream().map(ReservedResources::of).forEach(record::addResources);
    puts.put(Collector.ORPHAN + orphan.key(), record.build());
  }

  void forget(String key) {
    deletes.add(key);
  }

  /** Records of garbage that reservation-service no longer lists (expunged, the record's delete lost). */
  void forgetStale(List<String> liveKeys) {
    Set<String> live = new HashSet<>(liveKeys);
    records.keySet().stream().filter(k -> k.startsWith(Collector.GARBAGE) && !live.contains(k))
        .forEach(deletes::add);
  }

  Map<String, Cleanup> puts() {
    return puts;
  }

  List<String> deletes() {
    return deletes;
  }

  List<Work> work() {
    return work;
  }

  Map<Cleaned, String> expunges() {
    return expunges;
  }

  int waiting() {
    return waiting;
  }
}
