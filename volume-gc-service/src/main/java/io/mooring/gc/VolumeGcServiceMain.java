package io.mooring.gc;

import io.mooring.runtime.ServiceMain;

/** Starts volume-gc-service: the elected collector, and its gRPC face with health and telemetry. */
public final class VolumeGcServiceMain {
  private VolumeGcServiceMain() {}

  public static void main(String[] args) {
    ServiceMain.run(VolumeGcServiceMain.class, "volume-gc-service", args);
  }
}
