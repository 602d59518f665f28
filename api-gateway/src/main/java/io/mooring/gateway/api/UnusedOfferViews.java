package io.mooring.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.json.MarathonJson;
import io.mooring.proto.v1.OfferValue;
import io.mooring.proto.v1.OfferView;
import io.mooring.proto.v1.RunSpecQueueStats;
import io.mooring.proto.v1.UnusedOffer;
import java.util.Map;

/** {@code GET /v2/queue?embed=lastUnusedOffers}: Marathon's UnusedOffer objects of one queue entry. */
final class UnusedOfferViews {
  private UnusedOfferViews() {}

  /** {@code offers}: by id, since offer-service sends each offer once however many run specs could not use it. */
  static ArrayNode of(RunSpecQueueStats stats, Map<String, OfferView> offers) {
    ArrayNode json = MarathonJson.MAPPER.createArrayNode();
    for (UnusedOffer unused : stats.getLastUnusedOffersList()) {
      OfferView offer = offers.get(unused.getOfferId());
      if (offer == null) {
        continue;  // offer-service sends every offer it names; should one be missing, the rest still make sense
      }
      ObjectNode entry = json.addObject();
      entry.set("offer", offer(offer));
      entry.put("timestamp", unused.getTimestamp());
      ArrayNode reasons = entry.putArray("reason");
      unused.getReasonsList().forEach(reasons::add);
    }
    return json;
  }

  private static ObjectNode offer(OfferView offer) {
    ObjectNode json = MarathonJson.MAPPER.createObjectNode().put("id", offer.getId())
        .put("hostname", offer.getHostname()).put("agentId", offer.getAgentId());
    ArrayNode resources = json.putArray("resources");
    for (OfferValue resource : offer.getResourcesList()) {
      value(resources.addObject().put("name", resource.getName()).put("role", resource.getRole()), resource);
    }
    ArrayNode attributes = json.putArray("attributes");
    for (OfferValue attribute : offer.getAttributesList()) {
      value(attributes.addObject().put("name", attribute.getName()), attribute);
    }
    return json;
  }

  /** Only the field of the value's type, as Marathon writes it. */
  private static void value(ObjectNode json, OfferValue value) {
    switch (value.getValueCase()) {
      case SCALAR -> json.put("scalar", value.getScalar());
      case RANGES -> {
        ArrayNode ranges = json.putArray("ranges");
        value.getRanges().getRangesList().forEach(r -> ranges.addObject().put("begin", r.getBegin())
            .put("end", r.getEnd()));
      }
      case SET -> {
        ArrayNode items = json.putArray("set");
        value.getSet().getItemsList().forEach(items::add);
      }
      case TEXT -> json.put("text", value.getText());
      case VALUE_NOT_SET -> { }
    }
  }
}
