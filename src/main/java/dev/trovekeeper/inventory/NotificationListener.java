package dev.trovekeeper.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.trove.MalformedNotificationException;
import dev.trovekeeper.trove.OsloEnvelope;
import dev.trovekeeper.trove.OsloNotification;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Consumes Trove notifications from the {@code notifications} channel (Kafka, or the in-memory
 * connector for the embedded default and the demo region): parse, then hand to the inventory, which
 * deduplicates by {@code message_id}.
 *
 * <p>Records are handled one at a time, in order: the next one is requested only when the {@link
 * Uni} of this one completes. A record is acknowledged (its offset may be committed) only after the
 * inventory's transaction committed. A transient failure (database down) is retried in place with
 * exponential backoff, holding back every later record, so none is skipped or overtaken; after
 * {@code max-attempts} it is dead-lettered so it cannot block forever. A record that is not a
 * notification is nacked at once and dead-lettered by the channel's {@code
 * failure-strategy=dead-letter-queue}, with the reason in header {@code x-reason} and {@code
 * x-origin} ({@code topic-partition@offset}).
 */
@ApplicationScoped
public class NotificationListener {

  /** The channel's name in {@code mp.messaging.incoming.*}. */
  public static final String CHANNEL = "notifications";

  private final ObjectMapper json;
  private final NotificationService notifications;
  private final NotificationsConfig config;
  private final NotificationProgress progress;

  NotificationListener(
      ObjectMapper json,
      NotificationService notifications,
      NotificationsConfig config,
      NotificationProgress progress) {
    this.json = json;
    this.notifications = notifications;
    this.config = config;
    this.progress = progress;
  }

  /** Handles one record of the channel; completes when it is acknowledged or dead-lettered. */
  @Incoming(CHANNEL)
  public Uni<Void> consume(Message<String> message) {
    progress.started();
    return Uni.createFrom()
        .item(() -> onRecord(message.getPayload()))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .onFailure(NotificationListener::isTransient)
        .invoke(e -> Log.warnf("Notification not handled, will retry: %s", e.toString()))
        .onFailure(NotificationListener::isTransient)
        .retry()
        .withBackOff(config.kafka().retryBackoff(), config.kafka().retryMaxBackoff())
        .atMost(Math.max(0, config.kafka().maxAttempts() - 1))
        .onItemOrFailure()
        .transformToUni(
            (outcome, failure) ->
                failure == null
                    ? Uni.createFrom().completionStage(message::ack)
                    : deadLetter(message, failure))
        .eventually(progress::finished);
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

  private Uni<Void> deadLetter(Message<String> message, Throwable failure) {
    String reason =
        failure instanceof MalformedNotificationException
            ? failure.getMessage()
            : "failed " + config.kafka().maxAttempts() + " times: " + failure;
    Log.warnf("Notification dead-lettered: %s", reason);
    List<RecordHeader> headers = new ArrayList<>();
    headers.add(new RecordHeader("x-reason", reason.getBytes(StandardCharsets.UTF_8)));
    message
        .getMetadata(IncomingKafkaRecordMetadata.class)
        .ifPresent(
            kafka ->
                headers.add(
                    new RecordHeader(
                        "x-origin",
                        (kafka.getTopic() + "-" + kafka.getPartition() + "@" + kafka.getOffset())
                            .getBytes(StandardCharsets.UTF_8))));
    OutgoingKafkaRecordMetadata<Object> deadLetter =
        OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build();
    return Uni.createFrom().completionStage(() -> message.nack(failure, Metadata.of(deadLetter)));
  }

  /** Anything but a record that is not a notification may succeed when tried again. */
  private static boolean isTransient(Throwable failure) {
    return !(failure instanceof MalformedNotificationException);
  }
}
