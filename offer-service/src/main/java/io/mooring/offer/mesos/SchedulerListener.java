package io.mooring.offer.mesos;

import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.OperationStatus;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * What the Mesos subscription reports. Every method is called on one dispatcher thread, in stream order, never on the
 * thread that reads the stream, so a slow listener delays only later events. A listener may call
 * {@link MesosScheduler} from inside a callback.
 */
public interface SchedulerListener {
  /** A (re)subscription succeeded; offers of any earlier subscription are void. */
  void subscribed(String frameworkId, Duration heartbeatInterval);

  void offers(List<Offer> offers);

  void rescinded(OfferID offerId);

  /** A task status; acknowledge it (once durably handled) when it carries a uuid. */
  void update(TaskStatus status);

  /** An offer operation's status; acknowledge it when it carries a uuid and an agent id. */
  void operationUpdate(OperationStatus status);

  /**
   * Task and operation statuses (UPDATE and UPDATE_OPERATION_STATUS events) that queued up together, in stream order:
   * a listener that stores them can store them at once. By default, one by one.
   */
  default void statuses(List<Event> events) {
    for (Event event : events) {
      if (event.hasUpdate()) {
        update(event.getUpdate().getStatus());
      } else {
        operationUpdate(event.getUpdateOperationStatus().getStatus());
      }
    }
  }

  /** The subscription ended; the client reconnects by itself. */
  void disconnected(String reason);

  /** An ERROR event from the master, e.g. the framework was removed; the master then closes the stream. */
  void error(String message);
}
