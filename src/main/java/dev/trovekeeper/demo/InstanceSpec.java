package dev.trovekeeper.demo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A validated {@code POST /instances} body (the fields the demo region uses).
 *
 * @param restoreBackupId {@code restorePoint.backupRef}: the backup to restore, else null
 */
record InstanceSpec(
    String name,
    String flavorId,
    int volumeSize,
    String datastore,
    String datastoreVersion,
    String restoreBackupId) {

  /** A small mysql instance, as the seed and {@code DemoRegion.createInstance} make. */
  static InstanceSpec mysql(String name) {
    return new InstanceSpec(name, "1", 1, DemoSeed.DATASTORE, DemoSeed.DATASTORE_VERSION, null);
  }

  static InstanceSpec parse(JsonNode body) {
    var i = body.path("instance");
    if (!i.isObject()) {
      throw TroveException.badRequest("'instance' is a required property");
    }
    for (var field : new String[] {"name", "flavorRef"}) {
      if (!i.has(field)) {
        throw TroveException.badRequest("instance '" + field + "' is a required property");
      }
    }
    if (!i.get("name").isTextual()) {
      throw TroveException.badRequest(
          "instance['name'] " + Json.pyRepr(i.get("name")) + " is not of type 'string'");
    }
    var restore = i.path("restorePoint");
    if (!restore.isMissingNode() && !restore.path("backupRef").isTextual()) {
      throw TroveException.badRequest(
          "instance['restorePoint'] 'backupRef' is a required property");
    }
    var ds = i.path("datastore");
    return new InstanceSpec(
        i.get("name").asText(),
        i.get("flavorRef").asText(),
        i.path("volume").path("size").asInt(1),
        ds.path("type").asText(DemoSeed.DATASTORE),
        ds.path("version").asText(DemoSeed.DATASTORE_VERSION),
        restore.isMissingNode() ? null : restore.get("backupRef").asText());
  }

  /** The restored backup's datastore: a restore needs none in the request. */
  InstanceSpec restoring(String datastore, String version) {
    return new InstanceSpec(name, flavorId, volumeSize, datastore, version, restoreBackupId);
  }
}
