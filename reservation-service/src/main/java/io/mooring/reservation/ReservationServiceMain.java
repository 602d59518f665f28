package io.mooring.reservation;

import io.mooring.runtime.ServiceMain;

/** Starts reservation-service: for now its gRPC server with the standard health service and telemetry. */
public final class ReservationServiceMain {
  private ReservationServiceMain() {}

  public static void main(String[] args) {
    ServiceMain.run(ReservationServiceMain.class, "reservation-service", args);
  }
}
