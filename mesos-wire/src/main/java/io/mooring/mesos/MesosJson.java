package io.mooring.mesos;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.mesos.protobuf.ByteString;
import org.apache.mesos.protobuf.Descriptors.EnumValueDescriptor;
import org.apache.mesos.protobuf.Descriptors.FieldDescriptor;
import org.apache.mesos.protobuf.Message;

/**
 * JSON for the shaded Mesos protobufs, with the rules of Mesos' own (stout) mapping: exact snake_case field names,
 * unknown keys ignored, enums by name, bytes in base64, 64-bit integers as JSON numbers, maps as objects, and a
 * message missing required fields refused ("Not initialized").
 */
public final class MesosJson {
  private MesosJson() {}

  public static String print(Message message) {
    return toJson(message).toString();
  }

  public static JsonObject toJson(Message message) {
    JsonObject object = new JsonObject();
    for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
      FieldDescriptor field = e.getKey();
      if (field.isMapField()) {
        object.add(field.getName(), mapToJson((List<?>) e.getValue()));
      } else if (field.isRepeated()) {
        JsonArray array = new JsonArray();
        for (Object value : (List<?>) e.getValue()) array.add(valueToJson(field, value));
        object.add(field.getName(), array);
      } else {
        object.add(field.getName(), valueToJson(field, e.getValue()));
      }
    }
    return object;
  }

  /** Parses JSON into a message of the prototype's type; the error text follows Mesos' wording. */
  @SuppressWarnings("unchecked")
  public static <T extends Message> T parse(String json, T prototype) throws ParseException {
    JsonElement element;
    try {
      element = JsonParser.parseString(json);
    } catch (RuntimeException e) {
      throw new ParseException("Failed to parse JSON: " + e.getMessage());
    }
    if (!element.isJsonObject()) throw new ParseException("Expecting a JSON object");
    Message.Builder builder = prototype.newBuilderForType();
    merge(element.getAsJsonObject(), builder);
    if (!builder.isInitialized()) {
      throw new ParseException("Not initialized: " + builder.findInitializationErrors());
    }
    return (T) builder.build();
  }

  private static JsonElement mapToJson(List<?> entries) {
    JsonObject map = new JsonObject();
    for (Object entry : entries) {
      Message m = (Message) entry;
      FieldDescriptor key = m.getDescriptorForType().findFieldByName("key");
      FieldDescriptor value = m.getDescriptorForType().findFieldByName("value");
      map.add(String.valueOf(m.getField(key)), valueToJson(value, m.getField(value)));
    }
    return map;
  }

  private static JsonElement valueToJson(FieldDescriptor field, Object value) {
    switch (field.getJavaType()) {
      case MESSAGE:
        return toJson((Message) value);
      case ENUM:
        return new JsonPrimitive(((EnumValueDescriptor) value).getName());
      case BYTE_STRING:
        return new JsonPrimitive(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
      case STRING:
        return new JsonPrimitive((String) value);
      case BOOLEAN:
        return new JsonPrimitive((Boolean) value);
      default:
        return new JsonPrimitive((Number) value);
    }
  }

  private static void merge(JsonObject object, Message.Builder builder) throws ParseException {
    for (Map.Entry<String, JsonElement> e : object.entrySet()) {
      FieldDescriptor field = builder.getDescriptorForType().findFieldByName(e.getKey());
      if (field == null || e.getValue().isJsonNull()) continue; // stout ignores keys it does not know
      if (field.isMapField()) {
        mergeMap(field, e.getValue(), builder);
      } else if (field.isRepeated()) {
        if (!e.getValue().isJsonArray()) throw mismatch(field, "a JSON array");
        for (JsonElement item : e.getValue().getAsJsonArray()) builder.addRepeatedField(field, value(field, item, builder));
      } else {
        builder.setField(field, value(field, e.getValue(), builder));
      }
    }
  }

  private static void mergeMap(FieldDescriptor field, JsonElement json, Message.Builder builder) throws ParseException {
    if (!json.isJsonObject()) throw new ParseException("Expecting a JSON object for field '" + field.getName() + "'");
    for (Map.Entry<String, JsonElement> entry : json.getAsJsonObject().entrySet()) {
      Message.Builder entryBuilder = builder.newBuilderForField(field);
      FieldDescriptor key = entryBuilder.getDescriptorForType().findFieldByName("key");
      FieldDescriptor value = entryBuilder.getDescriptorForType().findFieldByName("value");
      entryBuilder.setField(key, value(key, new JsonPrimitive(entry.getKey()), entryBuilder));
      entryBuilder.setField(value, value(value, entry.getValue(), entryBuilder));
      builder.addRepeatedField(field, entryBuilder.build());
    }
  }

  private static Object value(FieldDescriptor field, JsonElement json, Message.Builder parent) throws ParseException {
    try {
      switch (field.getJavaType()) {
        case MESSAGE: {
          if (!json.isJsonObject()) throw mismatch(field, "a JSON object");
          Message.Builder child = parent.newBuilderForField(field);
          merge(json.getAsJsonObject(), child);
          return child.buildPartial();
        }
        case ENUM: {
          EnumValueDescriptor v = field.getEnumType().findValueByName(primitive(field, json).getAsString());
          if (v == null) throw new ParseException("Failed to find enum for '" + json.getAsString() + "'");
          return v;
        }
        case BYTE_STRING:
          return ByteString.copyFrom(Base64.getDecoder().decode(primitive(field, json).getAsString()));
        case STRING:
          return primitive(field, json).getAsString();
        case BOOLEAN:
          if (!primitive(field, json).isBoolean()) throw mismatch(field, "a JSON boolean");
          return json.getAsBoolean();
        case INT:
          return number(field, json).intValueExact();
        case LONG:
          return number(field, json).longValueExact();
        case FLOAT:
          return number(field, json).floatValue();
        default:
          return number(field, json).doubleValue();
      }
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new ParseException("Failed to parse field '" + field.getName() + "': " + e.getMessage());
    }
  }

  private static JsonPrimitive primitive(FieldDescriptor field, JsonElement json) throws ParseException {
    if (!json.isJsonPrimitive()) throw mismatch(field, "a JSON value");
    return json.getAsJsonPrimitive();
  }

  private static java.math.BigDecimal number(FieldDescriptor field, JsonElement json) throws ParseException {
    JsonPrimitive p = primitive(field, json);
    if (!p.isNumber()) throw mismatch(field, "a JSON number");
    return p.getAsBigDecimal();
  }

  private static ParseException mismatch(FieldDescriptor field, String expected) {
    return new ParseException("Expecting " + expected + " for field '" + field.getName() + "'");
  }

  public static final class ParseException extends Exception {
    public ParseException(String message) {
      super(message);
    }
  }
}
