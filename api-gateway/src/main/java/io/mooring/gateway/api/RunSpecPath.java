package io.mooring.gateway.api;

import io.mooring.runtime.grpc.DomainException;
import io.mooring.runtime.grpc.Errors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run spec ids are paths, so the routes take the rest of the URL and this splits off Marathon's suffixes:
 * {@code group/app/versions/<v>}, {@code group/app/restart}, {@code group/app/tasks/<taskId>},
 * {@code group/pod::versions/<v>}, {@code group/pod::status}, {@code group/pod::instances/<instanceId>}, and
 * {@code ::status} alone for every pod. As in Marathon, a suffix wins over an id that happens to end the same way.
 *
 * @param version the version a VERSION path names
 * @param taskId the task a TASK path names
 * @param instanceId the pod instance an INSTANCE path names
 */
public record RunSpecPath(String id, Resource resource, String version, String taskId, String instanceId) {
  /** STATUSES: the status of every pod ({@code id} is the root). */
  public enum Resource { SPEC, VERSIONS, VERSION, RESTART, TASKS, TASK, STATUS, STATUSES, INSTANCES, INSTANCE }

  private static final Pattern APP =
      Pattern.compile("(.+?)(/versions(?:/([^/]+))?|/restart|/tasks(?:/([^/]+))?)?");
  private static final Pattern POD =
      Pattern.compile("(.+?)(::versions(?:/([^/]+))?|::status|::instances(?:/([^/]+))?)?");
  private static final Pattern ALL_PODS_STATUS = Pattern.compile("/*::status/*");

  public static RunSpecPath app(String path) {
    Matcher matcher = match(APP, path);
    String suffix = matcher.group(2);
    String taskId = matcher.group(4);
    Resource resource = suffix == null ? Resource.SPEC
        : suffix.equals("/restart") ? Resource.RESTART
        : suffix.startsWith("/tasks") ? (taskId == null ? Resource.TASKS : Resource.TASK)
        : versions(matcher);
    return new RunSpecPath(normalize(matcher.group(1)), resource, matcher.group(3), taskId, null);
  }

  public static RunSpecPath pod(String path) {
    if (ALL_PODS_STATUS.matcher(path).matches()) {
      return new RunSpecPath("/", Resource.STATUSES, null, null, null);
    }
    Matcher matcher = match(POD, path);
    String suffix = matcher.group(2);
    String instanceId = matcher.group(4);
    Resource resource = suffix == null ? Resource.SPEC
        : suffix.equals("::status") ? Resource.STATUS
        : suffix.startsWith("::instances") ? (instanceId == null ? Resource.INSTANCES : Resource.INSTANCE)
        : versions(matcher);
    return new RunSpecPath(normalize(matcher.group(1)), resource, matcher.group(3), null, instanceId);
  }

  /** {@code group/app/} and {@code /group/app} are both the id {@code /group/app}. */
  public static String normalize(String path) {
    return "/" + path.replaceAll("^/+|/+$", "");
  }

  /** Marathon's answer to a URL that names nothing it serves. */
  public static DomainException unknownUri() {
    return Errors.notFound("URI not found");
  }

  /** This path, which must name {@code expected}; anything else is an unknown URI. */
  public RunSpecPath require(Resource expected) {
    if (resource != expected) {
      throw unknownUri();
    }
    return this;
  }

  private static Matcher match(Pattern pattern, String path) {
    Matcher matcher = pattern.matcher(path);
    if (!matcher.matches()) {
      throw unknownUri();
    }
    return matcher;
  }

  private static Resource versions(Matcher matcher) {
    return matcher.group(3) == null ? Resource.VERSIONS : Resource.VERSION;
  }
}
