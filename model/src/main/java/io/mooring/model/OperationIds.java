package io.mooring.model;

import java.util.Optional;

/**
 * The ids of a claim's RESERVE and CREATE operations, {@code <taskId>.reserve} and {@code <taskId>.create}: the claim's
 * first task id, so that an operation status leads back to its instance. (LAUNCH carries no id: Mesos refuses one.)
 */
public final class OperationIds {
  private static final String RESERVE = ".reserve";
  private static final String CREATE = ".create";

  private OperationIds() {}

  public static String reserve(String taskId) {
    return taskId + RESERVE;
  }

  public static String create(String taskId) {
    return taskId + CREATE;
  }

  /** The task id an operation id was made from; empty for an id Mooring does not make. */
  public static Optional<String> taskIdOf(String operationId) {
    for (String suffix : new String[] {RESERVE, CREATE}) {
      if (operationId.endsWith(suffix) && operationId.length() > suffix.length()) {
        return Optional.of(operationId.substring(0, operationId.length() - suffix.length()));
      }
    }
    return Optional.empty();
  }
}
