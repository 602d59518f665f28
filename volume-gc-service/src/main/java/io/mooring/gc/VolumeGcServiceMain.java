package io.mooring.gc;

import io.mooring.runtime.ServiceMain;

/** Starts volume-gc-service: for now its gRPC server with the standard health service and telemetry. */
public final class VolumeGcServiceMain {
  private VolumeGcServiceMain() {}

  public static void main(String[] args) {
    ServiceMain.run(VolumeGcServiceMain.class, "volume-gc-service", args);
  }
}
