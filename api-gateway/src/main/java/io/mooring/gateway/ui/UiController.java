package io.mooring.gateway.ui;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.mooring.runtime.grpc.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web UI: {@code index.html}, its modules and the vendored libraries, from {@code classpath:ui}, at {@code /ui/};
 * {@code /} sends a browser there. The UI's pages are routes after the {@code #}, so no other path is needed.
 */
@Controller
// Each answer sets its own type; these keep Micronaut from looking for a JSON writer, which the gateway has none of.
@Produces({MediaType.TEXT_HTML, "text/javascript", "text/css", MediaType.TEXT_PLAIN, MediaType.IMAGE_PNG, "image/svg+xml"})
public class UiController {
  private static final URI UI = URI.create("/ui/");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
      "txt", "text/plain; charset=utf-8", "png", "image/png", "svg", "image/svg+xml");

  /** The files found so far: at most the jar's ui/ folder, a few dozen kilobytes in all. */
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();

  @Get("/")
  public HttpResponse<String> root() {
    return HttpResponse.<String>seeOther(UI).body("");
  }

  /** {@code /ui} and {@code /ui/} alike (Micronaut matches both here). */
  @Get("/ui")
  public HttpResponse<byte[]> index() {
    return file("index.html");
  }

  @Get("/ui/{+path}")
  public HttpResponse<byte[]> file(@PathVariable String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
    if (path.contains("..") || path.startsWith("/") || !TYPES.containsKey(extension)) {
      throw Errors.notFound("No UI file '" + path + "'");
    }
    byte[] content = files.get(path);
    if (content == null) {
      content = read(path).orElseThrow(() -> Errors.notFound("No UI file '" + path + "'"));
      files.put(path, content);
    }
    // Not cached: the files are small, and a browser sees a new gateway's UI at once.
    return HttpResponse.ok(content).contentType(MediaType.of(TYPES.get(extension))).header("Cache-Control", "no-cache");
  }

  private static Optional<byte[]> read(String path) {
    try (InputStream in = UiController.class.getClassLoader().getResourceAsStream("ui/" + path)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
