package dev.trovekeeper.inventory;

import dev.trovekeeper.trove.MalformedNotificationException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Consumes Trove notifications from Kafka on its own thread. Offsets are committed only after a
 * record was handled (or dead-lettered), so a crash replays it and the inventory's dedupe drops the
 * repeat; a record that cannot be handled for now (database down) is retried, never skipped.
 */
@ApplicationScoped
public class KafkaNotificationConsumer {

  private final NotificationsConfig config;
  private final NotificationListener listener;
  private volatile boolean running;
  private KafkaConsumer<String, String> consumer;
  private KafkaProducer<String, String> deadLetters;
  private Thread thread;
  private final RecordFailures failures = new RecordFailures();

  KafkaNotificationConsumer(NotificationsConfig config, NotificationListener listener) {
    this.config = config;
    this.listener = listener;
  }

  void start(@Observes StartupEvent event) {
    startConsuming();
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    stopConsuming();
  }

  /** Starts consuming when Kafka is configured (idempotent). */
  public synchronized void startConsuming() {
    NotificationsConfig.Kafka kafka = config.kafka();
    if (kafka.bootstrapServers().isEmpty() || running) {
      return;
    }
    consumer = new KafkaConsumer<>(consumerProperties(kafka));
    deadLetters = new KafkaProducer<>(producerProperties(kafka));
    consumer.subscribe(kafka.topics());
    running = true;
    thread = new Thread(this::loop, "kafka-notifications");
    thread.start();
    Log.infof(
        "Consuming Trove notifications from %s on %s",
        kafka.topics(), kafka.bootstrapServers().get());
  }

  /** Stops consuming; uncommitted records are delivered again on the next start. */
  public synchronized void stopConsuming() throws InterruptedException {
    if (thread == null) {
      return;
    }
    running = false;
    consumer.wakeup();
    thread.join(10_000);
    thread = null;
    deadLetters.close(Duration.ofSeconds(5));
  }

  private void loop() {
    try {
      while (running) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<String, String> record : records) {
          if (!handle(record)) {
            // Not handled: rewind to it and try again after a pause; later records wait.
            consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
            pause();
            break;
          }
          consumer.commitSync(
              Map.of(
                  new TopicPartition(record.topic(), record.partition()),
                  new org.apache.kafka.clients.consumer.OffsetAndMetadata(record.offset() + 1)));
        }
      }
    } catch (WakeupException e) {
      // shutting down
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /**
   * True when the record is done with: handled, a duplicate, ignored or dead-lettered. A record
   * that keeps failing (a value the database refuses, say) is dead-lettered after {@code
   * max-attempts} tries, so it cannot block its partition forever.
   */
  private boolean handle(ConsumerRecord<String, String> record) {
    try {
      listener.onRecord(record.value());
      failures.clear();
      return true;
    } catch (MalformedNotificationException e) {
      return deadLetter(record, e.getMessage());
    } catch (RuntimeException e) {
      if (failures.failedAgain(record) >= config.kafka().maxAttempts()) {
        failures.clear();
        return deadLetter(record, "failed " + config.kafka().maxAttempts() + " times: " + e);
      }
      Log.warnf(
          "Notification at %s-%d@%d not handled, will retry: %s",
          record.topic(), record.partition(), record.offset(), e.toString());
      return false;
    }
  }

  private boolean deadLetter(ConsumerRecord<String, String> record, String reason) {
    ProducerRecord<String, String> dead =
        new ProducerRecord<>(config.kafka().deadLetterTopic(), record.key(), record.value());
    dead.headers().add("x-reason", reason.getBytes(StandardCharsets.UTF_8));
    dead.headers()
        .add(
            "x-origin",
            (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
    try {
      deadLetters.send(dead).get();
      Log.warnf(
          "Dead-lettered record %s-%d@%d: %s",
          record.topic(), record.partition(), record.offset(), reason);
      return true;
    } catch (ExecutionException e) {
      Log.warnf("Dead-letter topic unavailable, will retry: %s", e.getCause().toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void pause() {
    try {
      Thread.sleep(config.kafka().retryBackoff().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Counts consecutive failures of the record at the head of the line. */
  private static final class RecordFailures {
    private String current;
    private int count;

    int failedAgain(ConsumerRecord<?, ?> record) {
      String id = record.topic() + "-" + record.partition() + "@" + record.offset();
      if (!id.equals(current)) {
        current = id;
        count = 0;
      }
      return ++count;
    }

    void clear() {
      current = null;
      count = 0;
    }
  }

  private static Properties consumerProperties(NotificationsConfig.Kafka kafka) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers().get());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.groupId());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return props;
  }

  private static Properties producerProperties(NotificationsConfig.Kafka kafka) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers().get());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return props;
  }
}
