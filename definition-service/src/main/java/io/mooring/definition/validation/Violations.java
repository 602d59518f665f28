package io.mooring.definition.validation;

import io.mooring.proto.v1.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects rule violations by JSON path (Marathon style: {@code /container/volumes(0)/persistent/size}). */
public final class Violations {
  private final Map<String, List<String>> byPath = new LinkedHashMap<>();

  public Violations add(String path, String error) {
    List<String> errors = byPath.computeIfAbsent(path.isEmpty() ? "/" : path, p -> new ArrayList<>());
    if (!errors.contains(error)) {
      errors.add(error);
    }
    return this;
  }

  public boolean isEmpty() {
    return byPath.isEmpty();
  }

  public List<Violation> toList() {
    List<Violation> result = new ArrayList<>(byPath.size());
    byPath.forEach((path, errors) -> result.add(Violation.newBuilder().setPath(path).addAllErrors(errors).build()));
    return result;
  }

  /** {@code /container/volumes} + 2 → {@code /container/volumes(2)}. */
  public static String indexed(String path, int index) {
    return path + "(" + index + ")";
  }

  // Accord's default messages, which Marathon clients see.
  static String moreThan(Number got, Number limit) {
    return "got " + got + ", expected more than " + limit;
  }

  static String atLeast(Number got, Number limit) {
    return "got " + got + ", expected " + limit + " or more";
  }

  static String between(double got, double low, double high) {
    return "got " + got + ", expected between " + low + " and " + high;
  }
}
