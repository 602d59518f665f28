package io.mooring.gateway.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.FieldMask;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.mooring.gateway.error.MarathonError;
import io.mooring.proto.v1.App;
import io.mooring.proto.v1.AppOrBuilder;
import io.mooring.proto.v1.Pod;
import java.util.ArrayList;
import java.util.List;

/**
 * Marathon JSON to and from the proto contracts through the standard protobuf JSON mapping (proto snake_case is
 * Marathon's lowerCamelCase). Bodies pass through a Jackson tree first, so malformed JSON is told apart from a
 * well-formed body that does not fit the contract, and printed messages come back as trees the views can enrich.
 */
public final class MarathonJson {
  /**
   * Free-form fields (health checks, secrets, constraints, ...) become protobuf Structs of about three message levels
   * per JSON level, and protobuf refuses more than 100: deeper JSON gets 400 here instead of failing the service.
   */
  static final int MAX_DEPTH = 30;
  public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build());

  /** What Marathon adds to an app in GET output; clients send it back in PUTs, and it is no part of the spec. */
  private static final List<String> APP_READ_ONLY_FIELDS = List.of("tasksStaged", "tasksRunning", "tasksHealthy",
      "tasksUnhealthy", "deployments", "tasks", "lastTaskFailure", "taskStats", "readinessCheckResults", "counts");

  private static final JsonFormat.Parser PARSER = JsonFormat.parser();
  // Empty lists and maps are printed as Marathon prints them; unset optional fields (proto3 presence) are not.
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().includingDefaultValueFields();

  private MarathonJson() {}

  /** A parsed body and the top-level fields it carried, which name the fields a partial update changes. */
  public record Parsed<B extends Message.Builder>(B spec, ObjectNode fields) {
    public FieldMask updateMask() {
      return UpdateMasks.of(fields, spec.getDescriptorForType());
    }
  }

  /** An app body, less the read-only fields of GET output; 400 "Invalid JSON" when it does not fit the contract. */
  public static Parsed<App.Builder> app(String body) {
    ObjectNode fields = object(body);
    fields.remove(APP_READ_ONLY_FIELDS);
    return new Parsed<>(merge(fields, App.newBuilder()), fields);
  }

  /** A JSON array of app bodies (bulk updates); 400 "Invalid JSON" otherwise. */
  public static List<Parsed<App.Builder>> apps(String body) {
    JsonNode tree = tree(body);
    if (!tree.isArray()) {
      throw MarathonError.invalidJson("Expected a JSON array of apps");
    }
    List<Parsed<App.Builder>> apps = new ArrayList<>();
    for (JsonNode app : tree) {
      apps.add(app(app.toString()));
    }
    return apps;
  }

  public static Parsed<Pod.Builder> pod(String body) {
    ObjectNode fields = object(body);
    return new Parsed<>(merge(fields, Pod.newBuilder()), fields);
  }

  /** A message as a JSON tree with Marathon's field names, for the views to enrich. */
  public static ObjectNode print(MessageOrBuilder message) {
    return print(PRINTER, message);
  }

  /**
   * Like {@link #print(MessageOrBuilder)} with another printer, e.g. one that prints chosen default values. An app's
   * deprecated {@code uris}, moved into {@code fetch} by definition-service, is left out as Marathon leaves it out
   * (an app stored before that move still shows the ones it has).
   */
  public static ObjectNode print(JsonFormat.Printer printer, MessageOrBuilder message) {
    ObjectNode json;
    try {
      json = (ObjectNode) MAPPER.readTree(printer.print(message));
    } catch (InvalidProtocolBufferException | JsonProcessingException e) {
      throw new IllegalStateException("cannot print " + message.getClass().getSimpleName(), e);
    }
    if (message instanceof AppOrBuilder app && app.getUrisCount() == 0) {
      json.remove("uris");
    }
    return json;
  }

  /** A body that must be a JSON object; 400 "Invalid JSON" otherwise. */
  public static ObjectNode object(String body) {
    JsonNode tree = tree(body);
    if (!tree.isObject()) {
      throw MarathonError.invalidJson("Expected a JSON object");
    }
    return (ObjectNode) tree;
  }

  private static JsonNode tree(String body) {
    try {
      return MAPPER.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw MarathonError.invalidJson(e.getOriginalMessage());
    }
  }

  private static <B extends Message.Builder> B merge(ObjectNode json, B builder) {
    try {
      PARSER.merge(json.toString(), builder);
      return builder;
    } catch (InvalidProtocolBufferException e) {
      throw MarathonError.invalidJson(e.getMessage());
    }
  }
}
