package io.mooring.gateway.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.FieldMask;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A partial update names the top-level fields its body carries. definition-service takes the mask as proto field
 * paths, so Marathon's JSON names (upgradeStrategy) become proto names (upgrade_strategy).
 */
public final class UpdateMasks {
  /**
   * A deprecated field and the field that replaced it name the same thing, and definition-service moves the first
   * into the second: an update of either replaces both, as in Marathon, where the stored app has only the second.
   * Else an app created with {@code uris} and updated with {@code fetch} would carry both, which is refused.
   */
  private static final Map<String, String> REPLACES = Map.of(
      "uris", "fetch", "fetch", "uris",
      "ip_address", "networks", "networks", "ip_address",
      "ports", "port_definitions", "port_definitions", "ports");

  private UpdateMasks() {}

  /**
   * The proto names of the top-level fields of {@code body}, a JSON object that parsed as {@code type}, and of the
   * fields they replace or are replaced by; always with {@code id}, since the id comes from the URL and an empty mask
   * would mean "replace everything".
   */
  public static FieldMask of(ObjectNode body, Descriptor type) {
    Set<String> paths = new LinkedHashSet<>(List.of("id"));
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = protoName(type, names.next());
      paths.add(name);
      String replaced = REPLACES.get(name);
      if (replaced != null && type.findFieldByName(replaced) != null) {
        paths.add(replaced);
      }
    }
    return FieldMask.newBuilder().addAllPaths(paths).build();
  }

  /** The JSON parser accepts both the JSON name and the proto name of a field, and so does this. */
  private static String protoName(Descriptor type, String jsonName) {
    return type.getFields().stream()
        .filter(field -> field.getJsonName().equals(jsonName) || field.getName().equals(jsonName))
        .map(FieldDescriptor::getName)
        .findFirst().orElseThrow();
  }
}
