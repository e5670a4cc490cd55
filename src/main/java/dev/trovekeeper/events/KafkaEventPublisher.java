package dev.trovekeeper.events;

import io.quarkus.logging.Log;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes to Kafka with an idempotent producer ({@code acks=all}): key = subject, value = the
 * CloudEvents JSON, headers {@code ce_type} and {@code ce_id} (binding-style hints for consumers
 * that route without parsing).
 */
final class KafkaEventPublisher implements EventPublisher, AutoCloseable {

  private final KafkaProducer<String, String> producer;
  private final String topic;
  private final Duration timeout;

  KafkaEventPublisher(String bootstrapServers, String topic, Duration timeout) {
    this.producer = new KafkaProducer<>(properties(bootstrapServers, timeout));
    this.topic = topic;
    this.timeout = timeout;
  }

  @Override
  public List<Boolean> publish(List<OutboxEvent> events) {
    List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
    for (OutboxEvent event : events) {
      ProducerRecord<String, String> record =
          new ProducerRecord<>(topic, event.subject, event.payload);
      record.headers().add("ce_type", bytes(CloudEvent.TYPE_PREFIX + event.eventType));
      record.headers().add("ce_id", bytes(event.eventId));
      acks.add(producer.send(record));
    }
    producer.flush();
    List<Boolean> acked = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      acked.add(awaitAck(acks.get(i), events.get(i)));
    }
    return acked;
  }

  private boolean awaitAck(Future<RecordMetadata> ack, OutboxEvent event) {
    try {
      ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      Log.warnf("Event %s (outbox %d) not acknowledged: %s", event.eventId, event.id, e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static Properties properties(String bootstrapServers, Duration timeout) {
    int timeoutMs = (int) timeout.toMillis();
    int requestTimeoutMs = Math.max(1_000, Math.min(timeoutMs / 2, 10_000));
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "trove-keeper-events");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(requestTimeoutMs));
    // The producer refuses a delivery timeout shorter than linger + request timeout.
    props.put(
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        String.valueOf(Math.max(timeoutMs, requestTimeoutMs + 5)));
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeoutMs));
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return props;
  }
}
