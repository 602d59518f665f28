package io.mooring.gateway.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.FieldMask;
import java.util.Iterator;

/**
 * A partial update names the top-level fields its body carries. definition-service takes the mask as proto field
 * paths, so Marathon's JSON names (upgradeStrategy) become proto names (upgrade_strategy).
 */
public final class UpdateMasks {
  private UpdateMasks() {}

  /**
   * The proto names of the top-level fields of {@code body}, a JSON object that parsed as {@code type}; always with
   * {@code id}, since the id comes from the URL and an empty mask would mean "replace everything".
   */
  public static FieldMask of(ObjectNode body, Descriptor type) {
    FieldMask.Builder mask = FieldMask.newBuilder().addPaths("id");
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = protoName(type, names.next());
      if (!name.equals("id")) {
        mask.addPaths(name);
      }
    }
    return mask.build();
  }

  /** The JSON parser accepts both the JSON name and the proto name of a field, and so does this. */
  private static String protoName(Descriptor type, String jsonName) {
    return type.getFields().stream()
        .filter(field -> field.getJsonName().equals(jsonName) || field.getName().equals(jsonName))
        .map(FieldDescriptor::getName)
        .findFirst().orElseThrow();
  }
}
