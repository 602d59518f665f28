package io.mooring.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Compares JSON as trees: numbers by value (1 == 1.0), objects by field, arrays by position. */
public final class JsonTrees {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonTrees() {}

  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  /** {@code actual} equals {@code expected}, except that it may add empty lists and maps (proto3 prints them). */
  public static void assertPreserved(JsonNode expected, JsonNode actual) {
    assertPreserved(expected, actual, "");
  }

  /** {@code actual} has every field of {@code expected} with an equal value; other fields are not checked. */
  public static void assertContains(JsonNode expected, JsonNode actual) {
    assertContains(expected, actual, "");
  }

  private static void assertPreserved(JsonNode expected, JsonNode actual, String path) {
    if (expected.isObject() && actual.isObject()) {
      for (Map.Entry<String, JsonNode> field : actual.properties()) {
        if (!expected.has(field.getKey())) {
          assertTrue(field.getValue().isContainerNode() && field.getValue().isEmpty(),
              path + "/" + field.getKey() + " was added: " + field.getValue());
        }
      }
      expected.properties().forEach(field ->
          assertPreserved(field.getValue(), present(actual, field.getKey(), path), path + "/" + field.getKey()));
    } else if (expected.isArray() && actual.isArray()) {
      assertEquals(expected.size(), actual.size(), path + " size");
      for (int i = 0; i < expected.size(); i++) {
        assertPreserved(expected.get(i), actual.get(i), path + "(" + i + ")");
      }
    } else {
      assertLeafEquals(expected, actual, path);
    }
  }

  private static void assertContains(JsonNode expected, JsonNode actual, String path) {
    if (expected.isObject() && actual.isObject()) {
      expected.properties().forEach(field ->
          assertContains(field.getValue(), present(actual, field.getKey(), path), path + "/" + field.getKey()));
    } else if (expected.isArray() && actual.isArray()) {
      assertEquals(expected.size(), actual.size(), path + " size: " + actual);
      for (int i = 0; i < expected.size(); i++) {
        assertContains(expected.get(i), actual.get(i), path + "(" + i + ")");
      }
    } else {
      assertLeafEquals(expected, actual, path);
    }
  }

  private static JsonNode present(JsonNode object, String field, String path) {
    assertTrue(object.has(field), path + "/" + field + " is missing in " + object);
    return object.get(field);
  }

  private static void assertLeafEquals(JsonNode expected, JsonNode actual, String path) {
    if (expected.isNumber() && actual.isNumber()) {
      assertEquals(0, expected.decimalValue().compareTo(actual.decimalValue()),
          path + ": expected " + expected + " but was " + actual);
    } else {
      assertEquals(expected, actual, path);
    }
  }
}
