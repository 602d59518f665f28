package io.mooring.sim.master;

import org.apache.mesos.v1.master.Protos.Response;

/** The answer to an operator call: a Response for a 200 with a body, else the reply to send as is. */
public record OperatorResult(Reply reply, Response response) {}
