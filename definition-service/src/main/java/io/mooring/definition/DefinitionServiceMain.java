package io.mooring.definition;

import io.mooring.runtime.ServiceMain;

public final class DefinitionServiceMain {
  private DefinitionServiceMain() {}

  public static void main(String[] args) {
    ServiceMain.run(DefinitionServiceMain.class, "definition-service", args);
  }
}
