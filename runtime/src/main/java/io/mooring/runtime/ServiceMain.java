package io.mooring.runtime;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.Map;

/**
 * Starts a Mooring service: a Micronaut context with its gRPC server, stopped cleanly on SIGTERM. The service name
 * is also its Micronaut environment, so each service reads its own {@code application-<name>.yml} even when
 * several services share a class path (tests, the all-in-one stack).
 */
public final class ServiceMain {
  private ServiceMain() {}

  public static ApplicationContext run(Class<?> mainClass, String name, String... args) {
    return Micronaut.build(args).mainClass(mainClass).environments(name).banner(false)
        .properties(Map.of("micronaut.application.name", name)).start();
  }
}
