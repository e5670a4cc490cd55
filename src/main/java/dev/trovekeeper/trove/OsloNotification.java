package dev.trovekeeper.trove;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One oslo.messaging notification (the inner message), as Trove emits them.
 *
 * @param timestamp as sent, {@code YYYY-MM-DD HH:MM:SS.ffffff} UTC
 */
public record OsloNotification(
    String messageId, String eventType, String publisherId, String timestamp, JsonNode payload) {

  /** A payload field as text, or null. */
  public String payloadText(String field) {
    JsonNode value = payload.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
