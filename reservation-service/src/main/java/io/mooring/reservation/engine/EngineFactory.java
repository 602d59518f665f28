package io.mooring.reservation.engine;

import io.micronaut.context.annotation.Factory;
import io.mooring.reservation.core.IdSource;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;

@Factory
class EngineFactory {
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Singleton
  IdSource ids() {
    return () -> UUID.randomUUID().toString();
  }
}
