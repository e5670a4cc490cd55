package dev.trovekeeper.demo;

import java.util.List;
import java.util.Map;

/** Trove's JSON shapes for instances and backups, as recorded in api-session.txt. */
final class TroveViews {

  private final String region;

  TroveViews(String region) {
    this.region = region;
  }

  /** The list shape: no dates, no version_number, volume size only. */
  Map<String, Object> instanceSummary(Instance i, String base) {
    var m = Json.obj("id", i.id, "name", i.name, "status", i.status);
    m.put("operating_status", i.operatingStatus);
    m.put("links", links(base, i.projectId, "instances/" + i.id));
    m.put(
        "flavor",
        Json.obj("id", i.flavorId, "links", links(base, i.projectId, "flavors/" + i.flavorId)));
    m.put("datastore", Json.obj("type", i.datastore, "version", i.datastoreVersion));
    m.put("region", region);
    m.put("access", Map.of());
    m.put("volume", Json.obj("size", i.volumeSize));
    return m;
  }

  /** The show shape: adds version_number, used volume once up, dates and the last fault. */
  Map<String, Object> instanceDetail(Instance i, String base) {
    var m = instanceSummary(i, base);
    @SuppressWarnings("unchecked")
    var ds = (Map<String, Object>) m.get("datastore");
    ds.put("version_number", i.datastoreVersion);
    if (!i.status.equals("BUILD")) {
      m.put("volume", Json.obj("size", i.volumeSize, "used", 0.16));
    }
    m.put("created", WireTime.trove(i.created));
    m.put("updated", WireTime.trove(i.updated));
    m.put("service_status_updated", WireTime.trove(i.serviceStatusUpdated));
    if (i.faultMessage != null) {
      m.put(
          "fault",
          Json.obj(
              "message",
              i.faultMessage,
              "created",
              WireTime.trove(i.faultCreated),
              "details",
              null));
    }
    return m;
  }

  /** The admin (mgmt) list shape: the summary plus owner and deletion state. */
  Map<String, Object> instanceMgmt(Instance i, String base) {
    var m = instanceSummary(i, base);
    m.put("tenant_id", i.projectId);
    m.put("created", WireTime.trove(i.created));
    m.put("updated", WireTime.trove(i.updated));
    m.put("deleted", i.deleted());
    m.put("deleted_at", WireTime.trove(i.deletedAt));
    return m;
  }

  Map<String, Object> backup(Backup b) {
    var m = Json.obj("id", b.id, "name", b.name, "description", b.description);
    m.put("locationRef", b.locationRef);
    m.put("instance_id", b.instanceId);
    m.put("created", WireTime.trove(b.created));
    m.put("updated", WireTime.trove(b.updated));
    m.put("size", b.size);
    m.put("status", b.status);
    m.put("parent_id", b.parentId);
    m.put("project_id", b.projectId);
    m.put(
        "datastore",
        Json.obj(
            "type", b.datastore, "version", b.datastoreVersion, "version_id", Backup.VERSION_ID));
    return m;
  }

  private static List<Object> links(String base, String project, String path) {
    return List.of(
        Json.obj("href", base + "/v1.0/" + project + "/" + path, "rel", "self"),
        Json.obj("href", base + "/" + path, "rel", "bookmark"));
  }
}
