package io.mooring.sim.master;

import io.mooring.sim.resources.Resources;

/** An outstanding offer: resources of one agent allocated to one role of one framework. */
record SimOffer(String id, String frameworkId, String agentId, String role, Resources resources) {}
