package io.mooring.offer.mesos;

import java.net.URI;

/** One live subscription: where calls go and what identifies them to the master. */
record Session(URI endpoint, String streamId, String frameworkId) {}
