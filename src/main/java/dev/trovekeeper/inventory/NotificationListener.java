package dev.trovekeeper.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.trove.MalformedNotificationException;
import dev.trovekeeper.trove.OsloEnvelope;
import dev.trovekeeper.trove.OsloNotification;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Takes one raw notification record (from Kafka or the in-memory channel): parse, then hand to the
 * inventory, which deduplicates by {@code message_id}.
 */
@ApplicationScoped
public class NotificationListener {

  private final ObjectMapper json;
  private final NotificationService notifications;

  NotificationListener(ObjectMapper json, NotificationService notifications) {
    this.json = json;
    this.notifications = notifications;
  }

  /**
   * Handles one record.
   *
   * @throws MalformedNotificationException if it is not a notification (dead-letter it)
   */
  public NotificationOutcome onRecord(String record) {
    OsloNotification notification = OsloEnvelope.parse(json, record);
    NotificationOutcome outcome = notifications.apply(notification);
    if (outcome != NotificationOutcome.IGNORED) {
      Log.debugf("%s %s: %s", notification.eventType(), notification.messageId(), outcome);
    }
    return outcome;
  }
}
