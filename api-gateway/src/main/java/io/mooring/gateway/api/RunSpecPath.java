package io.mooring.gateway.api;

import io.micronaut.http.HttpStatus;
import io.mooring.gateway.error.MarathonError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run spec ids are paths, so the routes take the rest of the URL and this splits off Marathon's suffixes:
 * {@code group/app/versions/<v>}, {@code group/app/restart}, {@code group/app/tasks/<taskId>},
 * {@code group/pod::versions/<v>}. As in Marathon, a suffix wins over an id that happens to end the same way.
 *
 * @param version the version a VERSION path names
 * @param taskId the task a TASK path names
 */
public record RunSpecPath(String id, Resource resource, String version, String taskId) {
  public enum Resource { SPEC, VERSIONS, VERSION, RESTART, TASKS, TASK }

  private static final Pattern APP =
      Pattern.compile("(.+?)(/versions(?:/([^/]+))?|/restart|/tasks(?:/([^/]+))?)?");
  private static final Pattern POD = Pattern.compile("(.+?)(::versions(?:/([^/]+))?)?");

  public static RunSpecPath app(String path) {
    return parse(APP.matcher(path));
  }

  public static RunSpecPath pod(String path) {
    return parse(POD.matcher(path));
  }

  /** {@code group/app/} and {@code /group/app} are both the id {@code /group/app}. */
  public static String normalize(String path) {
    return "/" + path.replaceAll("^/+|/+$", "");
  }

  /** Marathon's answer to a URL that names nothing it serves. */
  public static MarathonError unknownUri() {
    return MarathonError.of(HttpStatus.NOT_FOUND, "URI not found");
  }

  /** This path, which must name {@code expected}; anything else is an unknown URI. */
  public RunSpecPath require(Resource expected) {
    if (resource != expected) {
      throw unknownUri();
    }
    return this;
  }

  private static RunSpecPath parse(Matcher matcher) {
    if (!matcher.matches()) {
      throw unknownUri();
    }
    String suffix = matcher.group(2);
    String version = matcher.group(3);
    String taskId = matcher.groupCount() > 3 ? matcher.group(4) : null;
    Resource resource = suffix == null ? Resource.SPEC
        : suffix.equals("/restart") ? Resource.RESTART
        : suffix.startsWith("/tasks") ? (taskId == null ? Resource.TASKS : Resource.TASK)
        : version == null ? Resource.VERSIONS : Resource.VERSION;
    return new RunSpecPath(normalize(matcher.group(1)), resource, version, taskId);
  }
}
