package dev.trovekeeper.demo;

import java.util.List;
import java.util.Map;

/** Trove's JSON shapes for instances and backups, as recorded in api-session*.txt. */
final class TroveViews {

  private final String region;

  TroveViews(String region) {
    this.region = region;
  }

  /** The list shape: no dates, no version_number, volume size only. */
  Map<String, Object> instanceSummary(Instance i, String base) {
    return summary(i, base, i.projectId);
  }

  /**
   * The show shape: adds version_number, the used volume (unless the guest is building or
   * rebooting), dates, the cluster and the last fault.
   */
  Map<String, Object> instanceDetail(Instance i, String base) {
    var m = summary(i, base, i.projectId);
    versionNumber(m, i);
    if (i.reportsVolumeUsed()) {
      m.put("volume", Json.obj("size", i.volumeSize, "used", 0.16));
    }
    dates(m, i);
    if (i.clusterId != null) {
      m.put("cluster_id", i.clusterId);
    }
    fault(m, i);
    return m;
  }

  /**
   * The admin (mgmt) list shape, as recorded: the detail without the used volume, plus owner,
   * compute server, volume, service status, task and deletion state. Links name the caller's
   * project (the one in the request path), as Trove writes them.
   */
  Map<String, Object> instanceMgmt(Instance i, String base, String requestProject) {
    var m = summary(i, base, requestProject);
    versionNumber(m, i);
    m.put("tenant_id", i.projectId);
    m.put("volume", Json.obj("size", i.volumeSize));
    dates(m, i);
    if (i.clusterId != null) {
      m.put("cluster_id", i.clusterId);
    }
    fault(m, i);
    m.put("server_id", i.serverId);
    m.put("volume_id", i.volumeId);
    m.put("encrypted_rpc_messaging", true);
    m.put(
        "server",
        i.deleted()
            ? null
            : Json.obj(
                "id",
                i.serverId,
                "name",
                i.name,
                "status",
                i.status.equals("BUILD") ? "BUILD" : "ACTIVE",
                "tenant_id",
                i.projectId,
                "host",
                "fake_host_1"));
    m.put("service_status", i.serviceStatus());
    m.put("deleted", i.deleted());
    m.put("deleted_at", WireTime.trove(i.deletedAt));
    m.put("task_description", i.task.description);
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

  private Map<String, Object> summary(Instance i, String base, String linkProject) {
    var m = Json.obj("id", i.id, "name", i.name, "status", i.status);
    m.put("operating_status", i.operatingStatus);
    m.put("links", links(base, linkProject, "instances/" + i.id));
    m.put(
        "flavor",
        Json.obj("id", i.flavorId, "links", links(base, linkProject, "flavors/" + i.flavorId)));
    m.put("datastore", Json.obj("type", i.datastore, "version", i.datastoreVersion));
    m.put("region", region);
    m.put("access", Map.of());
    m.put("volume", Json.obj("size", i.volumeSize));
    return m;
  }

  @SuppressWarnings("unchecked")
  private static void versionNumber(Map<String, Object> m, Instance i) {
    ((Map<String, Object>) m.get("datastore")).put("version_number", i.datastoreVersion);
  }

  private static void dates(Map<String, Object> m, Instance i) {
    m.put("created", WireTime.trove(i.created));
    m.put("updated", WireTime.trove(i.updated));
    m.put("service_status_updated", WireTime.trove(i.serviceStatusUpdated));
  }

  private static void fault(Map<String, Object> m, Instance i) {
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
  }

  private static List<Object> links(String base, String project, String path) {
    return List.of(
        Json.obj("href", base + "/v1.0/" + project + "/" + path, "rel", "self"),
        Json.obj("href", base + "/" + path, "rel", "bookmark"));
  }
}
