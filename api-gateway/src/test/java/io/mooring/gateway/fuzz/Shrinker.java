package io.mooring.gateway.fuzz;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.gateway.fuzz.RawHttp.Header;
import io.mooring.gateway.fuzz.RawHttp.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Makes a failing request smaller while it still fails the same way: drops headers and the query, removes JSON
 * fields and array elements, halves long strings, bodies and path segments. Greedy, first improvement wins, within a
 * budget of requests.
 */
public final class Shrinker {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private final Predicate<Request> stillFails;
  private int budget;

  public Shrinker(Predicate<Request> stillFails, int budget) {
    this.stillFails = stillFails;
    this.budget = budget;
  }

  public Request shrink(Request request) {
    Request smallest = request;
    boolean progress = true;
    while (progress && budget > 0) {
      progress = false;
      for (Request candidate : candidates(smallest)) {
        if (budget-- <= 0) {
          break;
        }
        if (stillFails.test(candidate)) {
          smallest = candidate;
          progress = true;
          break;
        }
      }
    }
    return smallest;
  }

  private static List<Request> candidates(Request request) {
    List<Request> candidates = new ArrayList<>();
    for (int i = 0; i < request.headers().size(); i++) {
      List<Header> fewer = new ArrayList<>(request.headers());
      fewer.remove(i);
      candidates.add(request.withHeaders(fewer));
    }
    String target = request.target();
    int query = target.indexOf('?');
    if (query >= 0) {
      candidates.add(request.withTarget(target.substring(0, query)));
    }
    String longest = longestSegment(query >= 0 ? target.substring(0, query) : target);
    if (longest.length() > 16) {
      candidates.add(request.withTarget(target.replace(longest, longest.substring(0, longest.length() / 2))));
      candidates.add(request.withTarget(target.replace(longest, longest.substring(0, longest.length() * 7 / 8))));
    }
    if (request.body() != null) {
      if (request.body().length > 0) {
        candidates.add(request.withBody(null));
        candidates.add(request.withBody(new byte[0]));
      }
      JsonNode tree = parse(request.body());
      if (tree != null && tree.isContainerNode()) {
        for (JsonNode smaller : smallerTrees(tree)) {
          candidates.add(request.withBody(smaller.toString().getBytes(StandardCharsets.UTF_8)));
        }
      } else if (request.body().length > 16) {
        candidates.add(request.withBody(java.util.Arrays.copyOf(request.body(), request.body().length / 2)));
      }
    }
    return candidates;
  }

  private static String longestSegment(String path) {
    String longest = "";
    for (String segment : path.split("/")) {
      if (segment.length() > longest.length()) {
        longest = segment;
      }
    }
    return longest;
  }

  private static JsonNode parse(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (Exception | StackOverflowError e) {
      return null;  // not JSON, or too deep to take apart here: shrunk as bytes
    }
  }

  /** Copies of the tree each one step smaller: a field or element removed, a long string or array halved. */
  private static List<JsonNode> smallerTrees(JsonNode tree) {
    List<JsonNode> smaller = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    paths(tree, "", paths);
    for (String path : paths) {
      JsonNode copy = tree.deepCopy();
      if (remove(copy, path)) {
        smaller.add(copy);
      }
    }
    for (boolean fraction : new boolean[] {false, true}) {
      for (String path : paths) {
        JsonNode copy = tree.deepCopy();
        if (halve(copy, path, fraction)) {
          smaller.add(copy);
        }
      }
    }
    return smaller;
  }

  private static void paths(JsonNode node, String path, List<String> paths) {
    if (node.isObject()) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        String at = path + "/" + name.replace("~", "~0").replace("/", "~1");
        paths.add(at);
        paths(node.get(name), at, paths);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        paths.add(path + "/" + i);
        paths(node.get(i), path + "/" + i, paths);
      }
    }
  }

  private static boolean remove(JsonNode root, String path) {
    int slash = path.lastIndexOf('/');
    JsonNode parent = root.at(path.substring(0, slash));
    String last = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    if (parent instanceof ObjectNode object) {
      return object.remove(last) != null;
    }
    if (parent instanceof ArrayNode array) {
      array.remove(Integer.parseInt(last));
      return true;
    }
    return false;
  }

  private static boolean halve(JsonNode root, String path, boolean fraction) {
    JsonNode node = root.at(path);
    int slash = path.lastIndexOf('/');
    JsonNode parent = root.at(path.substring(0, slash));
    String last = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    JsonNode replacement;
    if (node.isTextual() && node.asText().length() > 8) {
      String text = node.asText();
      // Halving first; where a threshold stops that (a length limit), an eighth at a time.
      replacement = TextNode.valueOf(text.substring(0, fraction ? text.length() * 7 / 8 : text.length() / 2));
    } else if (node.isArray() && node.size() > 2) {
      ArrayNode half = JSON.createArrayNode();
      for (int i = 0; i < node.size() / 2; i++) {
        half.add(node.get(i));
      }
      replacement = half;
    } else {
      return false;
    }
    if (parent instanceof ObjectNode object) {
      object.set(last, replacement);
    } else if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), replacement);
    }
    return true;
  }
}
