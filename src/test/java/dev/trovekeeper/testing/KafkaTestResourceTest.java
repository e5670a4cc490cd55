package dev.trovekeeper.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaTestResourceTest {

  private static final KafkaTestResource KAFKA = new KafkaTestResource();
  private static Map<String, String> config;

  @BeforeAll
  static void start() {
    config = KAFKA.start();
  }

  @AfterAll
  static void stop() {
    KAFKA.stop();
  }

  @Test
  void returnsTheBootstrapServersAndCreatesTheTopics() throws Exception {
    String servers = config.get("kafka.bootstrap.servers");
    assertThat(servers).matches(".+:\\d+");
    assertThat(config).containsEntry("keeper.notifications.kafka.bootstrap-servers", servers);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .containsAll(KafkaBroker.TOPICS);
    }
  }

  @Test
  void producesAndConsumesARecord() throws Exception {
    String servers = config.get("kafka.bootstrap.servers");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>("trove-keeper.events", "k1", "{\"hello\":1}")).get();
    }

    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, "resource-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of("trove-keeper.events"));
      List<ConsumerRecord<String, String>> received = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(received::add);
      }
      assertThat(received)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.key()).isEqualTo("k1");
                assertThat(r.value()).isEqualTo("{\"hello\":1}");
              });
    }
  }
}
