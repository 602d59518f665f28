package io.mooring.offer.matching;

import org.apache.mesos.v1.Protos.Offer;

/** What stays the same for every request matched against one offer. */
record OfferContext(Offer offer, MatchSettings settings, String nowIso) {}
