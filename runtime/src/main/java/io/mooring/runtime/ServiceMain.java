package io.mooring.runtime;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

/** Starts a Mooring service: a Micronaut context with its gRPC server, stopped cleanly on SIGTERM. */
public final class ServiceMain {
  private ServiceMain() {}

  public static ApplicationContext run(Class<?> mainClass, String name, String... args) {
    return Micronaut.build(args).mainClass(mainClass).properties(java.util.Map.of(
        "micronaut.application.name", name)).start();
  }
}
