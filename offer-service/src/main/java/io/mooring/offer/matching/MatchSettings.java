package io.mooring.offer.matching;

/**
 * Who reserves: the framework id and principal go into every reservation (labels and ReservationInfo), the role is
 * both the role offers must be allocated to and the role resources are reserved for. At most
 * {@code maxInstancesPerOffer} instances are placed from one offer, so that one ACCEPT stays small enough for its
 * agent to apply promptly.
 */
public record MatchSettings(String frameworkId, String role, String principal, int maxInstancesPerOffer) {}
