package io.mooring.sim.master;

import org.apache.mesos.v1.scheduler.Protos.Event;

/** Where a subscribed framework's events go: its open RecordIO stream. Non-blocking; never throws. */
public interface EventSink {
  void send(Event event);

  /** Ends the stream: after an ERROR event, on failover, teardown or a simulated connection drop. */
  void close();
}
