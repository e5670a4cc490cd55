package dev.trovekeeper.inventory;

import dev.trovekeeper.trove.OsloNotification;
import dev.trovekeeper.trove.TroveInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * Applies Trove notifications to the inventory, exactly once per {@code message_id}: the id is
 * stored in the same transaction as the change it caused.
 */
@ApplicationScoped
public class NotificationService {

  private final TargetRepository targets;
  private final InventoryService inventory;
  private final ProcessedNotificationRepository processed;
  private final Clock clock;

  NotificationService(
      TargetRepository targets,
      InventoryService inventory,
      ProcessedNotificationRepository processed,
      Clock clock) {
    this.targets = targets;
    this.inventory = inventory;
    this.processed = processed;
    this.clock = clock;
  }

  /**
   * Applies one notification in its own transaction: registers, marks deleted or resets the chain
   * of the instance it names, and remembers its id.
   *
   * @return DUPLICATE when this {@code message_id} was applied before (nothing changes)
   */
  @Transactional
  public NotificationOutcome apply(OsloNotification notification) {
    if (processed.findById(notification.messageId()) != null) {
      return NotificationOutcome.DUPLICATE;
    }
    Instant now = clock.instant();
    NotificationOutcome outcome =
        switch (notification.eventType()) {
          case "trove.instance.create" -> instanceCreated(notification, now);
          case "trove.instance.delete" -> instanceDeleted(notification, now);
          case "dbaas.instance_promote.end", "dbaas.instance_eject.end" ->
              chainReset(notification, now);
          default -> NotificationOutcome.IGNORED;
        };
    if (outcome == NotificationOutcome.HANDLED) {
      ProcessedNotification row = new ProcessedNotification();
      row.messageId = notification.messageId();
      row.eventType = notification.eventType();
      row.outcome = outcome.name();
      row.receivedAt = now;
      processed.persist(row);
    }
    return outcome;
  }

  private NotificationOutcome instanceCreated(OsloNotification n, Instant now) {
    String instanceId = required(n, "instance_id");
    Target target = targets.findByExternalId(TargetKind.TROVE_INSTANCE, instanceId).orElse(null);
    if (target == null && !DrillInstances.isDrill(n.payloadText("name"))) {
      TroveInstance instance =
          new TroveInstance(
              instanceId,
              required(n, "tenant_id"),
              n.payloadText("name"),
              statusOf(n),
              null,
              null,
              n.payloadText("region"));
      inventory.register(InventoryService.newTarget(instance, DiscoverySource.NOTIFICATION, now));
    }
    return NotificationOutcome.HANDLED;
  }

  private NotificationOutcome instanceDeleted(OsloNotification n, Instant now) {
    targets
        .findByExternalId(TargetKind.TROVE_INSTANCE, required(n, "instance_id"))
        .filter(target -> target.deletedAt == null)
        .ifPresent(target -> inventory.markDeleted(target, now));
    return NotificationOutcome.HANDLED;
  }

  private NotificationOutcome chainReset(OsloNotification n, Instant now) {
    targets
        .findByExternalId(TargetKind.TROVE_INSTANCE, required(n, "instance_id"))
        .ifPresent(
            target -> {
              target.chainResetAt = now;
              target.updatedAt = now;
            });
    return NotificationOutcome.HANDLED;
  }

  /**
   * The instance status the notification carries (payload {@code state}, as Trove's usage
   * notifications have it: {@code active}, or {@code unknown} in Trove 18's create), in the upper
   * case of Trove's API; UNKNOWN when absent. The next reconcile replaces it with the status
   * Trove's API reports.
   */
  static String statusOf(OsloNotification n) {
    String state = n.payloadText("state");
    return state == null || state.isBlank()
        ? "UNKNOWN"
        : state.trim().toUpperCase(java.util.Locale.ROOT);
  }

  private static String required(OsloNotification n, String field) {
    String value = n.payloadText(field);
    if (value == null || value.isBlank()) {
      throw new dev.trovekeeper.trove.MalformedNotificationException(
          n.eventType() + " without " + field, null);
    }
    return value;
  }

  /**
   * Forgets up to {@code batch} processed notification ids received before {@code cutoff} (a
   * redelivery older than that is no longer expected); returns how many.
   */
  @jakarta.transaction.Transactional
  public int pruneProcessedBefore(java.time.Instant cutoff, int batch) {
    return processed
        .getEntityManager()
        .createNativeQuery(
            "DELETE FROM processed_notifications WHERE received_at < ?1 ORDER BY received_at"
                + " LIMIT ?2")
        .setParameter(1, java.time.LocalDateTime.ofInstant(cutoff, java.time.ZoneOffset.UTC))
        .setParameter(2, batch)
        .executeUpdate();
  }
}
