package io.mooring.offer.scheduler;

import io.mooring.proto.v1.OfferRanges;
import io.mooring.proto.v1.OfferSet;
import io.mooring.proto.v1.OfferValue;
import io.mooring.proto.v1.OfferView;
import io.mooring.proto.v1.PortRange;
import org.apache.mesos.v1.Protos.Attribute;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * What GET /v2/queue?embed=lastUnusedOffers shows of a Mesos offer: Marathon's Offer type, which leaves out
 * reservations, labels and disk sources. Kept instead of the offer itself, which can be many times larger.
 */
final class OfferViews {
  /** The role Mesos gives an unreserved resource in Marathon's (pre-refinement) terms. */
  private static final String UNRESERVED_ROLE = "*";

  private OfferViews() {}

  static OfferView of(Offer offer) {
    OfferView.Builder view = OfferView.newBuilder().setId(offer.getId().getValue())
        .setAgentId(offer.getAgentId().getValue()).setHostname(offer.getHostname());
    for (Resource resource : offer.getResourcesList()) {
      view.addResources(value(resource.getName(), resource.getType(), resource.getScalar(), resource.getRanges(),
          resource.getSet()).setRole(role(resource)));
    }
    for (Attribute attribute : offer.getAttributesList()) {
      view.addAttributes(attribute.getType() == Value.Type.TEXT
          ? OfferValue.newBuilder().setName(attribute.getName()).setText(attribute.getText().getValue())
          : value(attribute.getName(), attribute.getType(), attribute.getScalar(), attribute.getRanges(),
              attribute.getSet()));
    }
    return view.build();
  }

  /** With reservation refinement, a resource's role is its last reservation's; unreserved, it is "*". */
  private static String role(Resource resource) {
    int reservations = resource.getReservationsCount();
    return reservations == 0 ? UNRESERVED_ROLE : resource.getReservations(reservations - 1).getRole();
  }

  /** Only the field of the value's type is set, as Marathon writes only that one. */
  private static OfferValue.Builder value(String name, Value.Type type, Value.Scalar scalar, Value.Ranges ranges,
      Value.Set set) {
    OfferValue.Builder value = OfferValue.newBuilder().setName(name);
    switch (type) {
      case SCALAR -> value.setScalar(scalar.getValue());
      case RANGES -> value.setRanges(OfferRanges.newBuilder().addAllRanges(ranges.getRangeList().stream()
          .map(r -> PortRange.newBuilder().setBegin(r.getBegin()).setEnd(r.getEnd()).build()).toList()));
      case SET -> value.setSet(OfferSet.newBuilder().addAllItems(set.getItemList()));
      default -> { }  // TEXT, only an attribute's, is set by the caller
    }
    return value;
  }
}
