package io.mooring.gateway.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;
import java.util.Set;
import org.reactivestreams.Publisher;

/**
 * {@code GET /v2/events}: Marathon's event stream (server-sent events). {@code event_type} (repeatable) picks the
 * events. {@code plan-format} is accepted and ignored, as Marathon 1.11 does: plans are always light (id, steps,
 * version).
 */
@Controller("/v2/events")
public class EventsController {
  private final EventBus bus;

  public EventsController(EventBus bus) {
    this.bus = bus;
  }

  @Get
  @Produces(MediaType.TEXT_EVENT_STREAM)
  public Publisher<SseFrame> events(HttpRequest<?> request,
      @Nullable @QueryValue("event_type") List<String> types) {
    String remote = request.getRemoteAddress().getAddress().getHostAddress();
    return bus.attach(types == null ? Set.of() : Set.copyOf(types), remote);
  }
}
