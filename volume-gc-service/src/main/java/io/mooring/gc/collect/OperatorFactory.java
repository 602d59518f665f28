package io.mooring.gc.collect;

import io.micronaut.context.annotation.Factory;
import io.mooring.gc.GcSettings;
import io.mooring.gc.mesos.OperatorClient;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;

/** The Mesos operator API client and the clock of volume-gc-service. */
@Factory
public class OperatorFactory {
  @Singleton
  OperatorClient operatorClient(GcSettings settings) {
    return new OperatorClient(URI.create(settings.master()), settings.principal(), settings.secret(),
        settings.operatorTimeout());
  }

  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
