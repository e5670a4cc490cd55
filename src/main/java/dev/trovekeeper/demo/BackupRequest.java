package dev.trovekeeper.demo;

import com.fasterxml.jackson.databind.JsonNode;

/** A validated {@code POST /backups} body; validation messages follow Trove's JSON schema. */
record BackupRequest(
    String name, String instanceId, String description, boolean incremental, String parentId) {

  static BackupRequest parse(JsonNode body) {
    var b = body.path("backup");
    if (!b.isObject()) {
      throw TroveException.badRequest("'backup' is a required property");
    }
    var name = requiredString(b, "name");
    var instance = requiredString(b, "instance");
    var description = optional(b, "description", JsonNode::isTextual, "string");
    var parent = optional(b, "parent_id", JsonNode::isTextual, "string");
    var incremental = optional(b, "incremental", JsonNode::isIntegralNumber, "integer");
    if (incremental != null && (incremental.asInt() < 0 || incremental.asInt() > 1)) {
      throw TroveException.badRequest(
          "backup['incremental'] "
              + incremental
              + (incremental.asInt() < 0
                  ? " is less than the minimum of 0"
                  : " is greater than the maximum of 1"));
    }
    return new BackupRequest(
        name.asText(),
        instance.asText(),
        description == null ? null : description.asText(),
        incremental != null && incremental.asInt() == 1,
        parent == null ? null : parent.asText());
  }

  BackupRequest withParent(String parent) {
    return new BackupRequest(name, instanceId, description, incremental, parent);
  }

  private static JsonNode requiredString(JsonNode b, String field) {
    if (!b.has(field)) {
      throw TroveException.badRequest("backup '" + field + "' is a required property");
    }
    return optional(b, field, JsonNode::isTextual, "string");
  }

  private static JsonNode optional(
      JsonNode b, String field, java.util.function.Predicate<JsonNode> ok, String type) {
    if (!b.has(field)) {
      return null;
    }
    var v = b.get(field);
    if (!ok.test(v)) {
      throw TroveException.badRequest(
          "backup['" + field + "'] " + Json.pyRepr(v) + " is not of type '" + type + "'");
    }
    return v;
  }
}
