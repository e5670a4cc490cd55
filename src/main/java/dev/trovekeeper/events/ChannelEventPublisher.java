package dev.trovekeeper.events;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Sends outbox events through the SmallRye Reactive Messaging channel {@code events} (Kafka,
 * idempotent producer with {@code acks=all}, see application.properties): key = subject, value =
 * the CloudEvents JSON, headers {@code ce_type} and {@code ce_id} (binding-style hints for
 * consumers that route without parsing). Each event is acknowledged when the broker acknowledged
 * it.
 */
@ApplicationScoped
class ChannelEventPublisher implements EventPublisher {

  static final String CHANNEL = "events";

  private final Emitter<String> emitter;
  private final Duration timeout;

  ChannelEventPublisher(@Channel(CHANNEL) Emitter<String> emitter, EventsConfig config) {
    this.emitter = emitter;
    this.timeout = config.kafka().sendTimeout();
  }

  @Override
  public List<Boolean> publish(List<OutboxEvent> events) {
    List<CompletableFuture<Void>> acks = new ArrayList<>(events.size());
    for (OutboxEvent event : events) {
      acks.add(send(event));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Boolean> acked = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      acked.add(awaitAck(acks.get(i), events.get(i), deadline));
    }
    return acked;
  }

  private CompletableFuture<Void> send(OutboxEvent event) {
    CompletableFuture<Void> ack = new CompletableFuture<>();
    OutgoingKafkaRecordMetadata<String> kafka =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withKey(event.subject)
            .withHeaders(
                List.of(
                    new RecordHeader("ce_type", bytes(CloudEvent.TYPE_PREFIX + event.eventType)),
                    new RecordHeader("ce_id", bytes(event.eventId))))
            .build();
    Message<String> message =
        Message.of(
            event.payload,
            Metadata.of(kafka),
            () -> {
              ack.complete(null);
              return CompletableFuture.completedFuture(null);
            },
            failure -> {
              ack.completeExceptionally(failure);
              return CompletableFuture.completedFuture(null);
            });
    try {
      emitter.send(message);
    } catch (RuntimeException e) {
      // Buffer full or the channel failed: this pass does not publish it.
      ack.completeExceptionally(e);
    }
    return ack;
  }

  private static boolean awaitAck(CompletableFuture<Void> ack, OutboxEvent event, long deadline) {
    try {
      ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      Log.warnf("Event %s (outbox %d) not acknowledged: %s", event.eventId, event.id, e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
