package io.mooring.offer.matching;

/**
 * Who reserves: the framework id and principal go into every reservation (labels and ReservationInfo), the role is
 * both the role offers must be allocated to and the role resources are reserved for.
 */
public record MatchSettings(String frameworkId, String role, String principal) {}
