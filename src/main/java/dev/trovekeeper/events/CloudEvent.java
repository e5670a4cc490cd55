package dev.trovekeeper.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One outgoing event in the CloudEvents 1.0 JSON structured format, with the extension attribute
 * {@code projectid}. Pure: no I/O, the caller gives the id and the time.
 *
 * @param id unique event id, also the outbox's {@code event_id}; consumers dedupe by it
 * @param type short type, e.g. {@code backup.succeeded} (see {@link EventTypes})
 * @param subject what the event is about, the Kafka key
 * @param time when it happened
 * @param projectId owning Keystone project, may be null
 * @param data type-specific payload, JSON-friendly values
 */
public record CloudEvent(
    UUID id, String type, String subject, Instant time, String projectId, Map<String, ?> data) {

  /** The {@code source} attribute of every event this service emits. */
  public static final String SOURCE = "trove-keeper";

  /** Prefix turning a short type into the CloudEvents {@code type} attribute. */
  public static final String TYPE_PREFIX = "dev.trovekeeper.";

  /** Checks the required attributes. */
  public CloudEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(time, "time");
    if (type == null || type.isBlank() || type.startsWith(TYPE_PREFIX)) {
      throw new IllegalArgumentException("short event type expected, was " + type);
    }
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("event subject is required");
    }
    data = data == null ? Map.of() : data;
  }

  /** The full CloudEvents {@code type}, e.g. {@code dev.trovekeeper.backup.succeeded}. */
  public String ceType() {
    return TYPE_PREFIX + type;
  }

  /** The structured-mode envelope, attributes in the order the spec lists them. */
  public Map<String, Object> envelope() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("specversion", "1.0");
    json.put("id", id.toString());
    json.put("source", SOURCE);
    json.put("type", ceType());
    json.put("subject", subject);
    json.put("time", time.toString());
    json.put("datacontenttype", "application/json");
    if (projectId != null) {
      json.put("projectid", projectId);
    }
    json.put("data", data);
    return json;
  }
}
