package io.mooring.gc.collect;

import io.grpc.ManagedChannel;
import io.micronaut.grpc.annotation.GrpcChannel;
import io.mooring.proto.v1.Cleaned;
import io.mooring.proto.v1.ExpungeRequest;
import io.mooring.proto.v1.FrameworkInfo;
import io.mooring.proto.v1.FrameworkInfoRequest;
import io.mooring.proto.v1.Garbage;
import io.mooring.proto.v1.GarbageList;
import io.mooring.proto.v1.ListGarbageRequest;
import io.mooring.proto.v1.OfferServiceGrpc;
import io.mooring.proto.v1.OwnerQuery;
import io.mooring.proto.v1.ReservationServiceGrpc;
import io.mooring.proto.v1.ResourceOwner;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The services volume-gc-service asks: reservation-service, which owns what is garbage and forgets it once cleaned,
 * and offer-service, which knows the framework id the reservations are labelled with. Every call has a deadline and
 * stays within the size limits reservation-service sets (pages of garbage, chunks of owners and expunges).
 */
@Singleton
public class Neighbours {
  private static final long DEADLINE_SECONDS = 10;
  static final int GARBAGE_PAGE = 500;
  static final int OWNERS_PER_CALL = 1_000;
  static final int EXPUNGES_PER_CALL = 100;
  private final ReservationServiceGrpc.ReservationServiceBlockingStub reservations;
  private final OfferServiceGrpc.OfferServiceBlockingStub offers;

  public Neighbours(@GrpcChannel("reservation") ManagedChannel reservation,
      @GrpcChannel("offer") ManagedChannel offer) {
    this.reservations = ReservationServiceGrpc.newBlockingStub(reservation);
    this.offers = OfferServiceGrpc.newBlockingStub(offer);
  }

  /** Every piece of garbage, a page at a time. */
  public List<Garbage> garbage() {
    List<Garbage> all = new ArrayList<>();
    String after = "";
    do {
      GarbageList page = reservationsNow().listGarbage(
          ListGarbageRequest.newBuilder().setAfter(after).setLimit(GARBAGE_PAGE).build());
      all.addAll(page.getItemsList());
      after = page.getNextAfter();
    } while (!after.isEmpty());
    return all;
  }

  /** The owners no instance references. */
  public List<ResourceOwner> unreferenced(List<ResourceOwner> owners) {
    List<ResourceOwner> unreferenced = new ArrayList<>();
    for (int from = 0; from < owners.size(); from += OWNERS_PER_CALL) {
      OwnerQuery query = OwnerQuery.newBuilder()
          .addAllOwners(owners.subList(from, Math.min(owners.size(), from + OWNERS_PER_CALL))).build();
      unreferenced.addAll(reservationsNow().findUnreferenced(query).getOwnersList());
    }
    return unreferenced;
  }

  /**
   * The cleaned items that reservation-service forgot (a chunk refused for a concurrent change is retried later);
   * {@code fence} is this leader's election revision.
   */
  public List<Cleaned> expunge(List<Cleaned> cleaned, long fence) {
    List<Cleaned> done = new ArrayList<>();
    for (int from = 0; from < cleaned.size(); from += EXPUNGES_PER_CALL) {
      List<Cleaned> chunk = cleaned.subList(from, Math.min(cleaned.size(), from + EXPUNGES_PER_CALL));
      ExpungeRequest request = ExpungeRequest.newBuilder().addAllItems(chunk).setFence(fence).build();
      if (reservationsNow().expunge(request).getApplied()) {
        done.addAll(chunk);
      }
    }
    return done;
  }

  /** The framework as offer-service registered it (framework id and role). */
  public FrameworkInfo framework() {
    return offers.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
        .getFrameworkInfo(FrameworkInfoRequest.getDefaultInstance());
  }

  private ReservationServiceGrpc.ReservationServiceBlockingStub reservationsNow() {
    return reservations.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }
}
