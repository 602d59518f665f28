package io.mooring.offer.matching;

import io.mooring.proto.v1.Reservation;
import io.mooring.proto.v1.Task;
import java.util.List;
import org.apache.mesos.v1.Protos.Offer;

/** One instance placed on an offer: what to claim at reservation-service, and the Mesos operations to send. */
public record Launch(String instanceId, String runSpecId, String configVersion, Reservation reservation,
    List<Task> tasks, List<Offer.Operation> operations) {

  public Launch {
    tasks = List.copyOf(tasks);
    operations = List.copyOf(operations);
  }
}
