package io.mooring.offer;

import io.mooring.runtime.ServiceMain;

/** Starts offer-service: for now its gRPC server with the standard health service and telemetry. */
public final class OfferServiceMain {
  private OfferServiceMain() {}

  public static void main(String[] args) {
    ServiceMain.run(OfferServiceMain.class, "offer-service", args);
  }
}
