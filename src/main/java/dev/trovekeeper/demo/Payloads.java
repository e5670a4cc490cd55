package dev.trovekeeper.demo;

import java.util.List;
import java.util.Map;

/** Notification payloads, field for field as in notifications.kafka.jsonl. */
final class Payloads {

  private final String serverIp;
  private final String region;

  Payloads(String serverIp, String region) {
    this.serverIp = serverIp;
    this.region = region;
  }

  /** The fields every {@code dbaas.*} payload starts with. */
  Map<String, Object> dbaas(Caller c, String serverType) {
    return Json.obj(
        "request_id",
        c.requestId(),
        "server_type",
        serverType,
        "client_ip",
        Notifier.HOST,
        "server_ip",
        serverIp,
        "tenant_id",
        c.projectId());
  }

  Map<String, Object> instanceCreate(Caller c, String serverType, Instance i) {
    var p = dbaas(c, serverType);
    p.put("name", i.name);
    p.put("flavor_id", i.flavorId);
    p.put("datastore", i.datastore);
    p.put("datastore_version", i.datastoreVersion);
    p.put("image_id", "c00000c0-00c0-0c00-00c0-000c000000cc");
    p.put("availability_zone", null);
    p.put("region_name", region);
    p.put("locality", null);
    p.put("volume_type", null);
    p.put("volume_size", i.volumeSize);
    if (i.restoredFrom != null) {
      p.put("backup_id", i.restoredFrom);
    }
    return p;
  }

  /** {@code trove.instance.create|delete}; {@code deleted_at} only on delete. */
  Map<String, Object> usage(Instance i, String state) {
    var p = Json.obj("created_at", WireTime.payload(i.created), "name", i.name);
    p.put("instance_id", i.id);
    p.put("instance_name", i.name);
    p.put("instance_type_id", i.flavorId);
    p.put("launched_at", WireTime.payload(i.launched));
    p.put("nova_instance_id", "nova-" + i.id);
    p.put("region", region);
    p.put("state_description", state);
    p.put("state", state);
    p.put("tenant_id", i.projectId);
    p.put("user_id", i.userId);
    if (i.deletedAt != null) {
      p.put("deleted_at", WireTime.payload(i.deletedAt));
    }
    p.put("instance_size", Flavors.ram(i.flavorId));
    p.put("availability_zone", "nova");
    p.put("volume_size", i.volumeSize);
    p.put("nova_volume_id", "vol-" + i.id);
    p.put("instance_type", Flavors.name(i.flavorId));
    p.put("service_id", "2f3ff068-2bfb-4f70-9a9d-a6bb65bc084b");
    return p;
  }

  Map<String, Object> backupCreate(Caller c, String serverType, BackupRequest r) {
    var p = dbaas(c, serverType);
    p.put("name", r.name());
    p.put("instance_id", r.instanceId());
    p.put("description", r.description());
    p.put("parent_id", r.parentId());
    return p;
  }

  Map<String, Object> backupId(Caller c, String serverType, String backupId) {
    var p = dbaas(c, serverType);
    p.put("backup_id", backupId);
    return p;
  }

  /** Adds what {@code .error} events carry: the message and a (short) traceback. */
  static Map<String, Object> error(Map<String, Object> payload, String message) {
    payload.put("message", message);
    payload.put(
        "exception",
        List.of(
            "Traceback (most recent call last):\n", "trove.common.exception: " + message + "\n"));
    return payload;
  }
}
