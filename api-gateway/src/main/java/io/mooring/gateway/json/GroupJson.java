package io.mooring.gateway.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.gateway.error.MarathonError;
import io.mooring.proto.v1.GroupUpdate;

/** Marathon's GroupUpdate body; 400 "Invalid JSON" naming the field when it does not fit the contract. */
public final class GroupJson {
  private GroupJson() {}

  public static GroupUpdate update(String body) {
    return update(MarathonJson.object(body), "");
  }

  private static GroupUpdate update(ObjectNode json, String path) {
    GroupUpdate.Builder update = GroupUpdate.newBuilder();
    if (json.hasNonNull("id")) {
      update.setId(text(json.get("id"), path + "/id"));
    }
    JsonNode apps = json.get("apps");
    if (apps != null && !apps.isNull()) {
      update.setHasApps(true);
      for (int i = 0; i < array(apps, path + "/apps").size(); i++) {
        update.addApps(MarathonJson.app(object(apps.get(i), path + "/apps(" + i + ")").toString()).spec());
      }
    }
    JsonNode groups = json.get("groups");
    if (groups != null && !groups.isNull()) {
      update.setHasGroups(true);
      for (int i = 0; i < array(groups, path + "/groups").size(); i++) {
        String at = path + "/groups(" + i + ")";
        update.addGroups(update(object(groups.get(i), at), at));
      }
    }
    JsonNode dependencies = json.get("dependencies");
    if (dependencies != null && !dependencies.isNull()) {
      update.setHasDependencies(true);
      for (int i = 0; i < array(dependencies, path + "/dependencies").size(); i++) {
        update.addDependencies(text(dependencies.get(i), path + "/dependencies(" + i + ")"));
      }
    }
    JsonNode scaleBy = json.get("scaleBy");
    if (scaleBy != null && !scaleBy.isNull()) {
      if (!scaleBy.isNumber() || scaleBy.asDouble() < 0 || !Double.isFinite(scaleBy.asDouble())) {
        throw MarathonError.invalidJson(path + "/scaleBy: expected a number of 0 or more");
      }
      update.setScaleBy(scaleBy.asDouble());
    }
    if (json.hasNonNull("version")) {
      update.setVersion(text(json.get("version"), path + "/version"));
    }
    JsonNode enforceRole = json.get("enforceRole");
    if (enforceRole != null && !enforceRole.isNull()) {
      if (!enforceRole.isBoolean()) {
        throw MarathonError.invalidJson(path + "/enforceRole: expected a boolean");
      }
      update.setEnforceRole(enforceRole.asBoolean());
    }
    return update.build();
  }

  private static String text(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw MarathonError.invalidJson(path + ": error.expected.jsstring");
    }
    return node.asText();
  }

  private static JsonNode array(JsonNode node, String path) {
    if (!node.isArray()) {
      throw MarathonError.invalidJson(path + ": error.expected.jsarray");
    }
    return node;
  }

  private static ObjectNode object(JsonNode node, String path) {
    if (!node.isObject()) {
      throw MarathonError.invalidJson(path + ": error.expected.jsobject");
    }
    return (ObjectNode) node;
  }
}
