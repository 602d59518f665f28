package io.mooring.sim.config;

/** A PATH or MOUNT disk of an agent: its reported root (e.g. /mnt/ssd-0), size in MB and optional profile. */
public record DiskSpec(Type type, String root, double sizeMb, String profile) {
  public enum Type { PATH, MOUNT }
}
