package dev.trovekeeper.trove;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Unwraps oslo.messaging records: the v2 envelope {@code
 * {"oslo.version":"2.0","oslo.message":"<json string>"}} and v1 bare messages.
 */
public final class OsloEnvelope {

  private OsloEnvelope() {}

  public static OsloNotification parse(ObjectMapper json, String record) {
    if (record == null || record.isBlank()) {
      throw new MalformedNotificationException("empty record", null);
    }
    JsonNode node = read(json, record);
    if (node.has("oslo.message")) {
      JsonNode inner = node.get("oslo.message");
      if (!inner.isTextual()) {
        throw new MalformedNotificationException("oslo.message is not a string", null);
      }
      node = read(json, inner.asText());
    }
    String messageId = required(node, "message_id");
    String eventType = required(node, "event_type");
    JsonNode payload = node.get("payload");
    if (payload == null || !payload.isObject()) {
      throw new MalformedNotificationException("payload is missing or not an object", null);
    }
    return new OsloNotification(
        messageId,
        eventType,
        node.path("publisher_id").asText(null),
        node.path("timestamp").asText(null),
        payload);
  }

  private static JsonNode read(ObjectMapper json, String text) {
    try {
      JsonNode node = json.readTree(text);
      if (node == null || !node.isObject()) {
        throw new MalformedNotificationException("not a JSON object", null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedNotificationException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new MalformedNotificationException(field + " is missing", null);
    }
    return value.asText();
  }
}
