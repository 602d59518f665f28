package io.mooring.gateway.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.gateway.fuzz.RawHttp.Header;
import io.mooring.gateway.fuzz.RawHttp.Request;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Requests for the gateway's HTTP API, all drawn from one {@link Random}: the seed bodies with their fields retyped,
 * set to extreme numbers or strings, removed, renamed or nested thousands deep; bodies truncated, doubled, empty,
 * not JSON or in the wrong encoding; odd paths, query parameters, methods and headers; and, to keep the stored state
 * moving, plausible requests (valid seeds, deletes, restarts, kills). Nothing here depends on the answers, so a seed
 * always produces the same requests.
 */
public final class RequestGenerator {
  /** A request and how it was made, e.g. "app body; retype /container/volumes/0/persistent/size → array". */
  public record Fuzzed(Request request, String what) {}

  /** Ids most requests use, so that they meet existing apps and pods (and conflict, lock, update, delete them). */
  public static final List<String> APP_IDS = List.of("/fuzz/a", "/fuzz/b", "/fuzz/group/c", "/fuzz/d", "/mysql");
  public static final List<String> POD_IDS = List.of("/fuzz-pod/p1", "/fuzz-pod/p2", "/persistent-volume-pod");
  /** Instances the stand-in reservation-service reports, so kills and task listings find something. */
  public static final String APP_UUID = "0f0e0d0c-0b0a-0908-0706-050403020100";
  public static final String POD_UUID = "1f1e1d1c-1b1a-1918-1716-151413121110";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RAW = "@@fuzz-raw-";
  private static final java.util.regex.Pattern RUNS = java.util.regex.Pattern.compile("(.{1,2}?)\\1{15,}");

  private static final List<String> NUMBERS = List.of("0", "-1", "1", "-0", "1e308", "-1e308",
      "1.7976931348623157e308", "4.9e-324", "1e309", "-1e309", "2147483647", "2147483648", "-2147483648",
      "-2147483649", "4294967296", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
      "18446744073709551616", "1e1000", "0.5", "1.5", "-0.000001", "123456789012345678901234567890", "3.0", "1e2",
      "1E-7", "0.1e-999", "1" + "0".repeat(1200));
  private static final List<String> STRINGS = List.of("", " ", "x", "null", "true", "0", "-1", "NaN", "Infinity",
      "-Infinity", "1e308", "9223372036854775808", "ünïcödé ✓ 🚀 \u202egnp.", "\u0000", "\u0000\u0001\u001f\u007f",
      "\ud800", "../../etc/passwd", "%00", "%zz", "${jndi:ldap://127.0.0.1/a}", "' OR '1'='1", "<script>x</script>",
      "/", "//", "\\", "\n\r\t", "RW", "RO", "DOCKER", "MESOS", "root", "mount", "path", "host", "container/bridge",
      "container", "tcp", "udp,tcp", "UNIQUE", "hostname", "disabled", "WAIT_FOREVER", "YOUNGEST_FIRST", "*");
  /** Fields Marathon 1.11 accepts beside the canonical ones, with values near and at the edges of what is valid. */
  private static final List<String[]> ACCEPTED_FIELDS = List.of(
      new String[] {"ipAddress", "{\"networkName\":\"dcos\",\"labels\":{\"a\":\"b\"},\"groups\":[\"g\"]}"},
      new String[] {"ipAddress", "{\"discovery\":{\"ports\":[{\"number\":80,\"name\":\"http\"},{\"number\":-1}]}}"},
      new String[] {"ipAddress", "{\"networkName\":\"mesos-bridge\"}"},
      new String[] {"uris", "[\"http://example.com/a.tgz\",\"not a uri\",\"\"]"},
      new String[] {"uris", "[\"https://example.com/b.zip\"]"},
      new String[] {"fetch", "[{\"uri\":\"http://example.com/c\",\"destPath\":\"d\"}]"},
      new String[] {"resourceLimits", "{\"cpus\":\"unlimited\",\"mem\":1e308}"},
      new String[] {"resourceLimits", "{\"cpus\":-1,\"mem\":\"Infinity\"}"},
      new String[] {"resourceLimits", "{\"cpus\":null,\"mem\":[1]}"},
      new String[] {"executorResources", "{\"cpus\":0.1,\"mem\":32,\"disk\":10}"},
      new String[] {"executorResources", "{\"cpus\":1e309,\"mem\":\"NaN\"}"},
      new String[] {"legacySharedCgroups", "true"},
      new String[] {"legacySharedCgroups", "\"yes\""});
  private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
      "application/json; charset=UTF-16", "application/json; charset=nonexistent", "application/json;;;",
      "text/plain", "text/plain; charset=iso-8859-1", "application/xml", "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=xyz", "multipart/form-data", "application/octet-stream", "*/*", "garbage", "",
      ";", "application/vnd.api+json", "application/json-patch+json", "application/merge-patch+json",
      "text/html; charset=utf-8", "application/x-ndjson", "image/png");
  private static final List<String> ACCEPTS = List.of("application/json", "text/plain", "text/html",
      "application/xml", "*/*", "garbage", "application/json;q=0", "text/event-stream", "image/*", "",
      "application/json, text/plain;q=0.5");
  private static final List<String> METHODS = List.of("GET", "GET", "GET", "POST", "POST", "PUT", "PUT", "PATCH",
      "DELETE", "DELETE", "HEAD", "OPTIONS", "TRACE", "BREW", "PROPFIND");
  /** Route templates; {app}, {pod}, {task}, {instance}, {v}, {dep} are filled in. */
  private static final List<String> ROUTES = List.of("/v2/apps", "/v2/apps{app}", "/v2/apps{app}/restart",
      "/v2/apps{app}/versions", "/v2/apps{app}/versions/{v}", "/v2/apps{app}/tasks", "/v2/apps{app}/tasks/{task}",
      "/v2/pods", "/v2/pods{pod}", "/v2/pods{pod}::status", "/v2/pods/::status", "/v2/pods{pod}::versions",
      "/v2/pods{pod}::versions/{v}", "/v2/pods{pod}::instances", "/v2/pods{pod}::instances/{instance}",
      "/v2/deployments", "/v2/deployments/{dep}", "/v2/queue", "/v2/queue{app}/delay", "/v2/tasks",
      "/v2/tasks/delete", "/v2/groups", "/v2/groups{app}", "/v2/info", "/v2/leader", "/v2/events", "/ping",
      "/metrics", "/v2/volumes", "/v2/volumes/{v}", "/", "/v2", "/v2/");
  /** Path segments that are odd as ids or as parts of a URL. */
  private static final List<String> ODD_SEGMENTS = List.of("", "/", "//x", "..", "../..", "%2e%2e", "%2E%2E%2F",
      "a/../b", "%00", "a%00b", "%zz", "%", "%2F", "%252F", "ü", "%C3%BC", "%FF", "%C0%AF", "%ED%A0%80", "🚀",
      "%F0%9F%9A%80", "a%20b", "a+b", "a;b", "a:b", "::", "a::status", "a::instances/", "tasks", "versions/",
      "restart", "*", "~", "UPPER", "a.b", "-a", "a_b", "a%0d%0aX-Injected:%20yes", "%5C", "a\\b", "%7B%7D",
      "a/restart/restart", "a/tasks/x/y", "a::versions/x/y", "a:::status", "?", "a?b=c", "a#frag", "%3F", "%23");

  private final Random random;
  private final List<ObjectNode> appSeeds;
  private final ObjectNode podSeed;
  private final List<String> log = new ArrayList<>();
  private final Map<String, String> raw = new LinkedHashMap<>();

  public RequestGenerator(Random random, List<String> appSeeds, String podSeed) {
    this.random = random;
    this.appSeeds = appSeeds.stream().map(RequestGenerator::object).toList();
    this.podSeed = object(podSeed);
  }

  public Fuzzed next() {
    log.clear();
    raw.clear();
    int pick = random.nextInt(100);
    Request request;
    if (pick < 26) {
      request = appBody();
    } else if (pick < 38) {
      request = podBody();
    } else if (pick < 48) {
      request = rawBody();
    } else if (pick < 61) {
      request = oddPath();
    } else if (pick < 69) {
      request = oddQuery();
    } else if (pick < 77) {
      request = oddHeaders();
    } else if (pick < 93) {
      request = plausible();
    } else {
      request = huge();
    }
    return new Fuzzed(request, String.join("; ", log));
  }

  // ------------------------------------------------------------------------------------------------ categories

  /** A mutated app seed, POSTed, PUT or PATCHed. */
  private Request appBody() {
    ObjectNode app = appSeed();
    String id = chance(80) ? pick(APP_IDS) : oddId();
    app.put("id", id);
    log.add("app body id " + abbreviate(id));
    mutate(app, 1 + random.nextInt(3));
    String body = render(app);
    int where = random.nextInt(10);
    if (where < 5) {
      return json("POST", "/v2/apps" + maybe("?force=true", 20), body);
    }
    String path = "/v2/apps" + pathId(APP_IDS) + maybe("?force=true", 30);
    return json(where < 8 ? "PUT" : "PATCH", path, body);
  }

  /** A mutated pod seed, POSTed or PUT. */
  private Request podBody() {
    ObjectNode pod = podSeed.deepCopy();
    String id = chance(80) ? pick(POD_IDS) : oddId();
    pod.put("id", id);
    log.add("pod body id " + abbreviate(id));
    mutate(pod, 1 + random.nextInt(3));
    String body = render(pod);
    if (chance(50)) {
      return json("POST", "/v2/pods" + maybe("?force=true", 20), body);
    }
    return json("PUT", "/v2/pods" + (chance(70) ? id : pathId(POD_IDS)) + maybe("?force=true", 30), body);
  }

  /** A body broken as text or bytes, to an endpoint that reads one. */
  private Request rawBody() {
    String seedText = chance(70) ? appSeed().put("id", pick(APP_IDS)).toString()
        : podSeed.deepCopy().put("id", pick(POD_IDS)).toString();
    byte[] body;
    switch (random.nextInt(16)) {
      case 0 -> {
        int cut = random.nextInt(seedText.length());
        log.add("truncated at char " + cut);
        body = utf8(seedText.substring(0, cut));
      }
      case 1 -> {
        byte[] bytes = utf8(seedText.replace("\"id\":\"", "\"id\":\"ü🚀"));
        int cut = seedText.indexOf("ü") + 1;  // inside the two-byte ü
        log.add("truncated inside a UTF-8 sequence");
        body = java.util.Arrays.copyOf(bytes, Math.max(cut, 1));
      }
      case 2 -> {
        log.add("duplicate key id, first one odd");
        body = utf8("{\"id\":" + quote(oddId()) + "," + seedText.substring(1));
      }
      case 3 -> {
        log.add("duplicate key id, last one odd");
        body = utf8(seedText.substring(0, seedText.length() - 1) + ",\"id\":" + quote(oddId()) + "}");
      }
      case 4 -> {
        log.add("duplicate key, differently typed");
        body = utf8(seedText.substring(0, seedText.length() - 1) + ",\"instances\":\"three\",\"instances\":[1],"
            + "\"container\":null}");
      }
      case 5 -> {
        String text = pick(List.of("", " ", "\n", "null", "[]", "[1,2]", "1", "\"str\"", "true", "{", "}", "{}",
            "{\"id\":}", "{'id':'/fuzz/a'}", "{id: \"/fuzz/a\"}", "<app><id>/fuzz/a</id></app>",
            "id=/fuzz/a&cmd=sleep", "{\"id\":\"/fuzz/a\",}", "{\"id\":\"/fuzz/a\" /* c */}", "[{\"id\":\"/fuzz/a\"}]",
            "{\"ids\":", "{\"ids\":[]}", "{\"ids\":null}", "{\"ids\":[null,1,{},[]]}", "{\"id\":\"/fuzz/a\",\"cpus\":NaN}",
            "{\"id\":\"/fuzz/a\",\"cpus\":Infinity}", "{\"id\":\"/fuzz/a\",\"cpus\":01}", "{\"id\":\"/fuzz/a\",\"cpus\":.5}",
            "{\"id\":\"\\ud800\"}", "{\"id\":\"\\u0000\"}", "{\"\":\"\"}", "{\"id\":\"/fuzz/a\"} trailing", "{}{}",
            "[\"a.instance-x\"]", "[\"" + "x".repeat(3000) + "\"]"));
        log.add("non-JSON or odd JSON " + quote(abbreviate(text)));
        body = utf8(text);
      }
      case 6 -> {
        byte[] bytes = new byte[random.nextInt(2048)];
        random.nextBytes(bytes);
        log.add(bytes.length + " random bytes");
        body = bytes;
      }
      case 7 -> {
        int depth = pick(List.of(100, 1000, 1001, 5000, 10_000, 50_000));
        log.add("root nested " + depth + " deep");
        body = utf8(nested(depth));
      }
      case 8 -> {
        log.add("UTF-16 body");
        body = seedText.getBytes(StandardCharsets.UTF_16);
      }
      case 9 -> {
        log.add("UTF-8 BOM");
        body = utf8("\uFEFF" + seedText);
      }
      case 10 -> {
        log.add("invalid UTF-8 in a string");
        byte[] head = utf8(seedText.substring(0, seedText.length() - 1) + ",\"cmd\":\"");
        byte[] tail = utf8("\"}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head);
        out.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
        out.writeBytes(tail);
        body = out.toByteArray();
      }
      case 11 -> {
        log.add("Latin-1 body");
        body = seedText.replace("\"id\":\"", "\"id\":\"é").getBytes(StandardCharsets.ISO_8859_1);
      }
      case 12 -> {
        log.add("body twice");
        body = utf8(seedText + seedText);
      }
      case 13 -> {
        log.add("NUL bytes around");
        body = utf8("\u0000" + seedText + "\u0000");
      }
      case 14 -> {
        log.add("whitespace padding 200 KB");
        body = utf8(" ".repeat(200_000) + seedText);
      }
      default -> {
        log.add("empty body");
        body = new byte[0];
      }
    }
    String[] target = pick(List.of(new String[] {"POST", "/v2/apps"}, new String[] {"PUT", "/v2/apps/fuzz/a"},
        new String[] {"PATCH", "/v2/apps/fuzz/b"}, new String[] {"POST", "/v2/pods"},
        new String[] {"PUT", "/v2/pods/fuzz-pod/p1"}, new String[] {"POST", "/v2/tasks/delete"},
        new String[] {"DELETE", "/v2/pods/fuzz-pod/p1::instances"}, new String[] {"PUT", "/v2/apps/fuzz/new"},
        new String[] {"POST", "/v2/apps/fuzz/a/restart"}));
    return new Request(target[0], target[1], List.of(new Header("Content-Type", "application/json")), body, false);
  }

  /** A method on an odd path. */
  private Request oddPath() {
    String method = pick(METHODS);
    String path;
    if (chance(15)) {
      path = pick(List.of("/v2/apps//x", "/v2//apps", "/v2/apps/", "/v2/apps/fuzz/a/", "//v2/apps", "/V2/APPS",
          "/v2/apps;jsessionid=1", "/v2/apps/fuzz/a;x=y", "/v2/apps/..", "/v2/apps/../pods", "/v2/./apps",
          "/v2/apps/%2e%2e/pods", "/v2/apps/fuzz/a/versions/", "/v2/apps/fuzz/a/tasks/", "/v2/pods/::status/",
          "/v2/pods::status", "/v2/pods/fuzz-pod/p1::instances/", "/v2/pods/fuzz-pod/p1::", "*",
          "http://127.0.0.1/v2/apps", "/v2/apps/" + "a/".repeat(3000), "/v2/apps/" + "x".repeat(100_000),
          "/v2/apps/" + "%2F".repeat(2000), "/v2/tasks/delete/", "/v2/deployments/" + "d".repeat(5000)));
      log.add("odd path");
    } else {
      path = fillRoute(pick(ROUTES), true);
    }
    log.add(method + " " + abbreviate(path));
    byte[] body = null;
    List<Header> headers = new ArrayList<>();
    if (chance(50)) {
      body = utf8(chance(50) ? appSeed().put("id", pick(APP_IDS)).toString() : pick(List.of("{}", "[]", "",
          "{\"ids\":[]}", "[\"x.instance-y\"]")));
      headers.add(new Header("Content-Type", "application/json"));
    }
    return new Request(method, path, headers, body, false);
  }

  /** A plausible route with odd query parameters. */
  private Request oddQuery() {
    String query = pick(List.of("force=maybe", "force=", "force", "force=true&force=false", "force=TRUE",
        "force=1", "force=%00", "force=%FF", "partialUpdate=maybe", "partialUpdate=false", "embed=apps.tasks",
        "embed=", "embed=%zz", "embed=" + "e".repeat(5000), "embed=apps.tasks&embed=apps.counts&embed=apps.deployments",
        "embed=apps.tasks&embed=apps.tasks", "id=", "id=%zz", "id=fuzz", "id=" + "a".repeat(5000), "id=%00",
        "scale=yes", "wipe=maybe", "scale=true&wipe=true", "scale=true", "wipe=true", "host=", "host=*",
        "host=%00", "host=" + "h".repeat(3000), "status=foo", "status[]=running", "status=running&status=staging",
        "a=b", "=", "&&&", "?", "%", "x=" + "y".repeat(10_000), "label=a==b",
        "label=a%20in%20(b", "label=%5C", "label=", "label=" + "%5C%21".repeat(500), "label=a%0A", "cmd=", "cmd=%00",
        "embed=apps.taskStats&embed=app.lastTaskFailure", "embed=group.apps.readiness&embed=apps.failures",
        "force=true&partialUpdate=false",
        "timeout=-1", "force=true;wipe=true", "%66orce=true", "FORCE=true"));
    String[] target = pick(List.of(new String[] {"GET", "/v2/apps"}, new String[] {"POST", "/v2/apps"},
        new String[] {"PUT", "/v2/apps{app}"}, new String[] {"PATCH", "/v2/apps{app}"},
        new String[] {"DELETE", "/v2/apps{app}"}, new String[] {"POST", "/v2/apps{app}/restart"},
        new String[] {"DELETE", "/v2/apps{app}/tasks"}, new String[] {"DELETE", "/v2/apps{app}/tasks/{task}"},
        new String[] {"GET", "/v2/tasks"}, new String[] {"POST", "/v2/tasks/delete"},
        new String[] {"POST", "/v2/pods"}, new String[] {"PUT", "/v2/pods{pod}"},
        new String[] {"DELETE", "/v2/pods{pod}"}, new String[] {"DELETE", "/v2/pods{pod}::instances/{instance}"},
        new String[] {"GET", "/v2/queue"}, new String[] {"GET", "/v2/deployments"}));
    String path = fillRoute(target[1], false) + "?" + query;
    log.add("odd query " + abbreviate(query));
    byte[] body = null;
    List<Header> headers = new ArrayList<>();
    boolean readsBody = List.of("POST", "PUT", "PATCH").contains(target[0]) && !target[1].endsWith("restart");
    if (readsBody) {
      body = utf8(target[1].contains("pods") ? podSeed.deepCopy().put("id", pick(POD_IDS)).toString()
          : target[1].contains("tasks/delete") ? taskIdsBody() : appSeed().put("id", pick(APP_IDS)).toString());
      headers.add(new Header("Content-Type", "application/json"));
    }
    return new Request(target[0], path, headers, body, false);
  }

  /** A plausible request with odd headers: content types, accept, encodings, framing. */
  private Request oddHeaders() {
    boolean pod = chance(30);
    String id = pod ? pick(POD_IDS) : pick(APP_IDS);
    ObjectNode spec = pod ? podSeed.deepCopy() : appSeed();
    spec.put("id", id);
    if (chance(30)) {
      mutate(spec, 1);
    }
    byte[] body = utf8(render(spec));
    String method = chance(50) ? "POST" : "PUT";
    String path = (pod ? "/v2/pods" : "/v2/apps") + (method.equals("PUT") ? id : "");
    List<Header> headers = new ArrayList<>();
    boolean chunked = false;
    switch (random.nextInt(10)) {
      case 0, 1, 2 -> {
        String type = pick(CONTENT_TYPES);
        log.add("Content-Type " + quote(type));
        headers.add(new Header("Content-Type", type));
        if (type.startsWith("application/x-www-form-urlencoded") && chance(50)) {
          body = utf8("id=" + id + "&cmd=sleep&instances=1");
          log.add("form body");
        }
        if (type.startsWith("multipart") && chance(50)) {
          body = utf8("--xyz\r\nContent-Disposition: form-data; name=\"id\"\r\n\r\n" + id + "\r\n--xyz--\r\n");
          log.add("multipart body");
        }
      }
      case 3 -> {
        log.add("no Content-Type");
      }
      case 4 -> {
        log.add("two Content-Types");
        headers.add(new Header("Content-Type", "text/plain"));
        headers.add(new Header("Content-Type", "application/json"));
      }
      case 5 -> {
        String accept = pick(ACCEPTS);
        log.add("Accept " + quote(accept));
        headers.add(new Header("Content-Type", "application/json"));
        headers.add(new Header("Accept", accept));
        if (chance(50)) {
          method = "GET";
          path = pick(List.of("/v2/apps", "/v2/apps" + id, "/v2/pods", "/v2/pods" + id, "/v2/tasks", "/v2/queue",
              "/v2/deployments", "/v2/info", "/ping", "/v2/apps" + pick(APP_IDS) + "/tasks"));
          body = null;
        }
      }
      case 6 -> {
        String encoding = pick(List.of("gzip", "gzip", "deflate", "br", "identity", "x-unknown", "gzip, gzip"));
        boolean real = encoding.equals("gzip") && chance(50);
        log.add("Content-Encoding " + encoding + (real ? " (really gzipped)" : " (not encoded)"));
        headers.add(new Header("Content-Type", "application/json"));
        headers.add(new Header("Content-Encoding", encoding));
        if (real) {
          body = gzip(body);
        }
      }
      case 7 -> {
        log.add("chunked");
        headers.add(new Header("Content-Type", "application/json"));
        chunked = true;
      }
      case 8 -> {
        log.add("Expect: 100-continue");
        headers.add(new Header("Content-Type", "application/json"));
        headers.add(new Header("Expect", chance(80) ? "100-continue" : "200-ok"));
      }
      default -> {
        int size = pick(List.of(4000, 7000, 9000, 20_000));
        log.add("header of " + size + " chars");
        headers.add(new Header("Content-Type", "application/json"));
        headers.add(new Header(pick(List.of("X-Fuzz", "Cookie", "Authorization", "Accept", "User-Agent")),
            "v".repeat(size)));
      }
    }
    log.add(method + " " + path);
    return new Request(method, path, headers, body, chunked);
  }

  /** A request a client could well send: valid seeds, deletes, restarts, kills, reads. */
  private Request plausible() {
    String app = pick(APP_IDS);
    String pod = pick(POD_IDS);
    String force = maybe("?force=true", 40);
    return switch (random.nextInt(14)) {
      case 0, 1 -> {
        log.add("valid app POST " + app);
        yield json("POST", "/v2/apps", appSeed().put("id", app).toString());
      }
      case 2 -> {
        log.add("valid app PUT " + app);
        yield json("PUT", "/v2/apps" + app + force, appSeed().put("id", app).toString());
      }
      case 3 -> {
        String patch = pick(List.of("{\"instances\":0}", "{\"instances\":2}", "{\"labels\":{\"tier\":\"db\"}}",
            "{\"env\":{\"A\":\"1\"}}", "{\"cmd\":\"sleep 1\"}", "{}", "{\"id\":\"" + app + "\"}"));
        log.add("partial update " + patch);
        yield json(chance(50) ? "PATCH" : "PUT", "/v2/apps" + app + force, patch);
      }
      case 4 -> {
        log.add("app DELETE");
        yield new Request("DELETE", "/v2/apps" + app + maybe("?force=false", 30), List.of(), null, false);
      }
      case 5 -> {
        log.add("restart");
        yield new Request("POST", "/v2/apps" + app + "/restart" + force, List.of(), null, false);
      }
      case 6 -> {
        log.add("valid pod POST " + pod);
        yield json("POST", "/v2/pods", podSeed.deepCopy().put("id", pod).toString());
      }
      case 7 -> {
        log.add("valid pod PUT " + pod);
        yield json("PUT", "/v2/pods" + pod + force, podSeed.deepCopy().put("id", pod).toString());
      }
      case 8 -> {
        log.add("pod DELETE");
        yield new Request("DELETE", "/v2/pods" + pod + force, List.of(), null, false);
      }
      case 9 -> {
        log.add("tasks delete");
        yield json("POST", "/v2/tasks/delete" + maybe("?scale=true", 30), taskIdsBody());
      }
      case 10 -> {
        log.add("task kill");
        yield new Request("DELETE", "/v2/apps" + app + "/tasks/" + taskId(app)
            + pick(List.of("", "?scale=true", "?wipe=true")), List.of(), null, false);
      }
      case 11 -> {
        log.add("pod instance kill");
        yield new Request("DELETE", "/v2/pods" + pod + "::instances/" + instanceId(pod), List.of(), null, false);
      }
      default -> {
        String path = pick(List.of("/v2/apps", "/v2/apps?embed=apps.tasks", "/v2/apps" + app,
            "/v2/apps" + app + "/versions", "/v2/apps" + app + "/tasks", "/v2/pods", "/v2/pods" + pod,
            "/v2/pods" + pod + "::status", "/v2/pods/::status", "/v2/pods" + pod + "::versions", "/v2/deployments",
            "/v2/queue", "/v2/tasks", "/v2/info", "/v2/volumes"));
        log.add("GET " + path);
        yield new Request("GET", path, List.of(new Header("Accept", "application/json")), null, false);
      }
    };
  }

  /** The sizes the brief names: ids of thousands of characters, 1 MiB strings, 10,000-deep nesting. */
  private Request huge() {
    ObjectNode app = appSeed();
    app.put("id", pick(APP_IDS));
    switch (random.nextInt(8)) {
      case 0, 1 -> {
        String id = longId();
        app.put("id", id);
        log.add("app id of " + id.length() + " chars");
        if (chance(30)) {
          return json("PUT", "/v2/apps" + id, render(app));
        }
        return json("POST", "/v2/apps", render(app));
      }
      case 2 -> {
        ObjectNode pod = podSeed.deepCopy();
        String id = longId();
        pod.put("id", id);
        log.add("pod id of " + id.length() + " chars");
        return json("POST", "/v2/pods", render(pod));
      }
      case 3 -> {
        int size = pick(List.of(1 << 20, 255 * 1024, 300 * 1024));
        String field = pick(List.of("cmd", "user", "executor", "role"));
        app.put(field, "x".repeat(size));
        log.add(field + " of " + size + " chars");
        return json(chance(70) ? "POST" : "PUT", chance(70) ? "/v2/apps" : "/v2/apps" + app.get("id").asText(),
            render(app));
      }
      case 4 -> {
        int depth = pick(List.of(10_000, 10_000, 1001, 100_000));
        String at = placeRaw(app, nested(depth));
        log.add(at + " nested " + depth + " deep");
        return json(pick(List.of("POST", "PUT", "PATCH")), chance(50) ? "/v2/apps" : "/v2/apps/fuzz/a",
            render(app));
      }
      case 5 -> {
        int n = pick(List.of(1000, 5000, 20_000));
        ArrayNode env = JSON.createArrayNode();
        ObjectNode many = JSON.createObjectNode();
        for (int i = 0; i < n; i++) {
          many.put("K" + i, "v");
          env.add(i);
        }
        if (chance(50)) {
          app.set("env", many);
          log.add(n + " env vars");
        } else {
          app.set("ports", env);
          log.add(n + " ports");
        }
        return json("POST", "/v2/apps", render(app));
      }
      case 6 -> {
        String id = longId();
        log.add("GET/DELETE of an id of " + id.length() + " chars");
        return new Request(pick(List.of("GET", "DELETE", "PUT")), "/v2/apps" + id, List.of(), null, false);
      }
      default -> {
        String id = "/fuzz/" + "a".repeat(pick(List.of(3000, 5000, 8000)));
        log.add("tasks delete with a task id of an app id of " + id.length() + " chars");
        return json("POST", "/v2/tasks/delete", "{\"ids\":[" + quote(taskId(id)) + "]}");
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ mutations

  private void mutate(ObjectNode root, int times) {
    for (int i = 0; i < times; i++) {
      List<Slot> slots = slots(root);
      Slot slot = slots.get(random.nextInt(slots.size()));
      int op = random.nextInt(100);
      if (op < 30) {
        JsonNode value = otherType(slot.get());
        log.add("retype " + slot.path + " → " + abbreviate(value.toString()));
        slot.set(value);
      } else if (op < 45) {
        String number = pick(NUMBERS);
        log.add("number " + slot.path + " → " + abbreviate(number));
        slot.set(rawNode(number));
      } else if (op < 57) {
        String text = randomString();
        log.add("string " + slot.path + " → " + quote(abbreviate(text)));
        slot.set(TextNode.valueOf(text));
      } else if (op < 61) {
        ObjectNode target = randomObject(root);
        String name = pick(List.of("fooBar", "ID", "Id", "id ", "", "__proto__", "constructor", "app", "apps",
            "version", "versionInfo", "tasks", "deployments", "upgrade_strategy", "port_definitions", "kind",
            "scaling", "containers", "\u0000", "ünï"));
        JsonNode value = randomValue(0);
        log.add("add field " + quote(name) + " = " + abbreviate(value.toString()));
        target.set(name, value);
      } else if (op < 65) {
        ObjectNode target = chance(70) ? root : randomObject(root);
        String[] field = pick(ACCEPTED_FIELDS);
        String name = field[0];
        JsonNode value = rawNode(field[1]);
        log.add("add field " + quote(name) + " = " + abbreviate(value.toString()));
        target.set(name, value);
      } else if (op < 73) {
        log.add("remove " + slot.path);
        slot.remove();
      } else if (op < 78) {
        int depth = pick(List.of(10, 50, 64, 99, 100, 101, 200, 500, 999, 1000, 1001, 10_000));
        log.add("nest " + slot.path + " " + depth + " deep");
        slot.set(rawNode(nested(depth)));
      } else if (op < 82) {
        int depth = pick(List.of(20, 30, 40, 45, 49, 50, 51, 60, 99, 100, 101, 200));
        String field = pick(List.of("healthChecks", "secrets", "check", "unreachableStrategy", "constraints",
            "labels", "env", "linuxInfo", "readinessChecks"));
        log.add("nest a struct at " + field + " " + depth + " deep");
        root.set(field, rawNode(structNested(field, depth)));
      } else if (op < 86) {
        int n = pick(List.of(100, 1000, 5000));
        JsonNode element = slot.get();
        ArrayNode array = JSON.createArrayNode();
        for (int k = 0; k < n; k++) {
          array.add(element == null ? NullNode.instance : element.deepCopy());
        }
        log.add("array of " + n + " copies at " + slot.path);
        slot.set(array);
      } else {
        String id = oddId();
        log.add("id → " + quote(abbreviate(id)));
        root.put("id", id);
      }
    }
  }

  /** A place in the tree: a field of an object or an element of an array. */
  private static final class Slot {
    final JsonNode parent;
    final String key;
    final int index;
    final String path;

    Slot(JsonNode parent, String key, int index, String path) {
      this.parent = parent;
      this.key = key;
      this.index = index;
      this.path = path;
    }

    JsonNode get() {
      return key != null ? parent.get(key) : parent.get(index);
    }

    void set(JsonNode value) {
      if (key != null) {
        ((ObjectNode) parent).set(key, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }

    void remove() {
      if (key != null) {
        ((ObjectNode) parent).remove(key);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }
  }

  private static List<Slot> slots(ObjectNode root) {
    List<Slot> slots = new ArrayList<>();
    collect(root, "", slots);
    return slots;
  }

  private static void collect(JsonNode node, String path, List<Slot> slots) {
    if (node.isObject()) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        String at = path + "/" + name;
        slots.add(new Slot(node, name, -1, at));
        collect(node.get(name), at, slots);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String at = path + "/" + i;
        slots.add(new Slot(node, null, i, at));
        collect(node.get(i), at, slots);
      }
    }
  }

  private ObjectNode randomObject(ObjectNode root) {
    List<ObjectNode> objects = new ArrayList<>();
    objects.add(root);
    for (Slot slot : slots(root)) {
      if (slot.get() instanceof ObjectNode object) {
        objects.add(object);
      }
    }
    return pick(objects);
  }

  /** A value of another JSON type than {@code current}. */
  private JsonNode otherType(JsonNode current) {
    for (int i = 0; i < 20; i++) {
      JsonNode value = randomValue(0);
      if (current == null || value.getNodeType() != current.getNodeType()) {
        return value;
      }
    }
    return NullNode.instance;
  }

  private JsonNode randomValue(int depth) {
    switch (random.nextInt(depth < 2 ? 7 : 5)) {
      case 0:
        return TextNode.valueOf(randomString());
      case 1:
        return rawNode(pick(NUMBERS));
      case 2:
        return BooleanNode.valueOf(random.nextBoolean());
      case 3:
        return NullNode.instance;
      case 4:
        return TextNode.valueOf(pick(List.of("1", "true", "null", "[]", "{}")));
      case 5: {
        ArrayNode array = JSON.createArrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          array.add(randomValue(depth + 1));
        }
        return array;
      }
      default: {
        ObjectNode object = JSON.createObjectNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          object.set(pick(List.of("a", "id", "type", "size", "name", "mode", "")), randomValue(depth + 1));
        }
        return object;
      }
    }
  }

  private String randomString() {
    int kind = random.nextInt(10);
    if (kind < 6) {
      return pick(STRINGS);
    }
    if (kind < 8) {
      return "a".repeat(pick(List.of(256, 1000, 5000, 10_000, 70_000)));
    }
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(40); i > 0; i--) {
      text.append((char) (chance(80) ? 32 + random.nextInt(95) : random.nextInt(0x3000)));
    }
    return text.toString();
  }

  /** Ids that are not among the usual ones: odd, invalid, long. */
  private String oddId() {
    if (chance(15)) {
      return longId();
    }
    return pick(List.of("", "/", "//", "fuzz/relative", "/fuzz/UPPER", "/fuzz/with space", "/fuzz/ünï", "/fuzz/a..b",
        "/fuzz/../x", "/fuzz/.", "/fuzz//x", "/fuzz/a/", "/fuzz/-a", "/fuzz/a_b", "/fuzz/a::status",
        "/fuzz/versions", "/fuzz/a/restart", "/fuzz/tasks", "/fuzz/a\u0000b", "/fuzz/a\nb", "/fuzz/%2F",
        "/fuzz/a.b", "/fuzz/a/b/c/d/e/f/g", "/fuzz-pod/p1", "/fuzz/a", "/mysql/x", "/fuzz/🚀", "  /fuzz/pad  ",
        "/fuzz/" + "a.".repeat(500) + "a", "/" + "a/".repeat(400) + "a"));
  }

  private String longId() {
    int length = pick(List.of(64, 254, 1000, 3000, 4000, 5000, 5000, 8000, 20_000, 100_000));
    return chance(70) ? "/fuzz/" + "a".repeat(length) : "/" + "s/".repeat(length / 2) + "s";
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private ObjectNode appSeed() {
    return pick(appSeeds).deepCopy();
  }

  /** A path id: a usual one, or (as raw path text) an odd one. */
  private String pathId(List<String> usual) {
    if (chance(80)) {
      return pick(usual);
    }
    String odd = "/" + pick(ODD_SEGMENTS);
    log.add("path id " + abbreviate(odd));
    return odd;
  }

  private String fillRoute(String route, boolean odd) {
    String app = odd ? pathId(APP_IDS) : pick(APP_IDS);
    String pod = odd ? pathId(POD_IDS) : pick(POD_IDS);
    String any = odd && chance(30) ? pick(ODD_SEGMENTS) : null;
    return route.replace("{app}", app).replace("{pod}", pod)
        .replace("{task}", any != null ? any : taskId(app))
        .replace("{instance}", any != null ? any : instanceId(pod))
        .replace("{v}", any != null ? any : "2026-01-02T03:04:05.678Z")
        .replace("{dep}", any != null ? any : "00000000-0000-0000-0000-000000000000");
  }

  private String taskId(String app) {
    return chance(70) ? app.replaceAll("^/+", "").replace('/', '_') + ".instance-" + APP_UUID + "._app.1"
        : pick(List.of("x", "fuzz_a.instance-", "fuzz_a.instance-x", "..", "a.instance-b.c.d"));
  }

  private String instanceId(String pod) {
    return chance(70) ? pod.replaceAll("^/+", "").replace('/', '_') + ".instance-" + POD_UUID
        : pick(List.of("x", "fuzz-pod_p1.instance-", ".instance-x", "a.marathon-b"));
  }

  private String taskIdsBody() {
    ArrayNode ids = JSON.createArrayNode();
    for (int i = random.nextInt(4); i > 0; i--) {
      ids.add(taskId(pick(APP_IDS)));
    }
    return JSON.createObjectNode().set("ids", ids).toString();
  }

  private Request json(String method, String path, String body) {
    return new Request(method, path, List.of(new Header("Content-Type", "application/json")), utf8(body), false);
  }

  /** The tree as text, with the raw pieces (numbers beyond Jackson's nodes, deep nestings) put in. */
  private String render(JsonNode tree) {
    String text = tree.toString();
    for (Map.Entry<String, String> piece : raw.entrySet()) {
      text = text.replace("\"" + piece.getKey() + "\"", piece.getValue());
    }
    return text;
  }

  /** A placeholder that {@link #render} replaces by {@code text} as is. */
  private JsonNode rawNode(String text) {
    String key = RAW + raw.size() + "@@";
    raw.put(key, text);
    return TextNode.valueOf(key);
  }

  private String placeRaw(ObjectNode root, String text) {
    List<Slot> slots = slots(root);
    Slot slot = slots.get(random.nextInt(slots.size()));
    slot.set(rawNode(text));
    return slot.path;
  }

  private String nested(int depth) {
    StringBuilder text = new StringBuilder(depth * 6);
    int kind = random.nextInt(3);
    for (int i = 0; i < depth; i++) {
      text.append(kind == 0 || kind == 2 && i % 2 == 0 ? "[" : "{\"a\":");
    }
    text.append("1");
    for (int i = depth - 1; i >= 0; i--) {
      text.append(kind == 0 || kind == 2 && i % 2 == 0 ? "]" : "}");
    }
    return text.toString();
  }

  /** Nesting that fits the field's type where it can (a Struct, a list of Structs, a ListValue, a Value). */
  private String structNested(String field, int depth) {
    String inner = nested(depth);
    return switch (field) {
      case "healthChecks", "readinessChecks" -> "[{\"protocol\":\"HTTP\",\"x\":" + inner + "}]";
      case "constraints" -> "[[\"hostname\",\"LIKE\"," + inner + "]]";
      case "labels", "env" -> "{\"A\":" + inner + "}";
      default -> "{\"x\":" + inner + "}";
    };
  }

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  private String maybe(String text, int percent) {
    return chance(percent) ? text : "";
  }

  private <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  private static ObjectNode object(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public static String quote(String text) {
    return TextNode.valueOf(text).toString();
  }

  /** Runs of one character written as {@code a×5000}, then at most about 80 characters. */
  public static String abbreviate(String text) {
    String runs = runs(text);
    if (runs.length() <= 80) {
      return runs;
    }
    return runs.substring(0, 40) + "…(" + text.length() + " chars)…" + runs.substring(runs.length() - 20);
  }

  /** Runs of 16 or more of one character (or of a two-character pattern such as s/) as {@code a×5000}. */
  public static String runs(String text) {
    return RUNS.matcher(text)
        .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
            "[" + m.group(1) + "×" + m.group().length() / m.group(1).length() + "]"));
  }
}
