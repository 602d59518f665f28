package io.mooring.reservation.core;

/** Where new ids come from: time-based UUIDs in production, a counter in tests, so the core stays deterministic. */
public interface IdSource {
  String uuid();
}
