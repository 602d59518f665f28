package io.mooring.gateway.api;

import io.mooring.proto.v1.App;
import java.util.Locale;
import java.util.Optional;

/**
 * Which apps {@code GET /v2/apps} lists, as Marathon selects them: {@code id} and {@code cmd} each contained in the
 * app's (ignoring case; an app without a command has none to contain it), {@code label} a {@link LabelSelector}.
 * Every filter given must match; none given lists every app.
 */
record AppFilter(Optional<String> id, Optional<String> cmd, Optional<LabelSelector> labels) {
  /**
   * From the query values, each null when absent; an {@link IllegalArgumentException} with Marathon's message when the
   * label selector does not parse.
   */
  static AppFilter of(String id, String cmd, String label) {
    return new AppFilter(Optional.ofNullable(id), Optional.ofNullable(cmd),
        Optional.ofNullable(label).map(LabelSelector::parse));
  }

  boolean matches(App app) {
    return id.map(part -> contains(app.getId(), part)).orElse(true)
        && cmd.map(part -> app.hasCmd() && contains(app.getCmd(), part)).orElse(true)
        && labels.map(selector -> selector.matches(app.getLabelsMap())).orElse(true);
  }

  private static boolean contains(String value, String part) {
    return value.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
  }
}
