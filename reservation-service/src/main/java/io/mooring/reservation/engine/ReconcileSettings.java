package io.mooring.reservation.engine;

import io.micronaut.context.annotation.Value;
import io.mooring.reservation.core.DecommissionGuard;
import jakarta.inject.Singleton;

/**
 * How much one reconcile pass may do: how many instances it creates, and when run specs that a snapshot of
 * definition-service lacks may be decommissioned (see {@link DecommissionGuard}).
 */
@Singleton
public record ReconcileSettings(
    @Value("${mooring.reservation.max-creates-per-pass:500}") int maxCreatesPerPass,
    @Value("${mooring.reservation.decommission-guard-share:0.1}") double decommissionGuardShare,
    @Value("${mooring.reservation.decommission-guard-floor:3}") int decommissionGuardFloor,
    @Value("${mooring.reservation.confirm-decommission:false}") boolean confirmDecommission) {

  public ReconcileSettings {
    if (maxCreatesPerPass < 1) {
      throw new IllegalArgumentException("mooring.reservation.max-creates-per-pass must be at least 1");
    }
    if (decommissionGuardShare < 0 || decommissionGuardShare > 1 || decommissionGuardFloor < 0) {
      throw new IllegalArgumentException("mooring.reservation.decommission-guard-share must be within [0, 1] and "
          + "mooring.reservation.decommission-guard-floor at least 0");
    }
  }

  DecommissionGuard.Rule guardRule() {
    return new DecommissionGuard.Rule(decommissionGuardShare, decommissionGuardFloor, confirmDecommission);
  }
}
