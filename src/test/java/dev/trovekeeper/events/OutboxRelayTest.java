package dev.trovekeeper.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events recorded with a change reach the real Kafka broker once, in order per subject. */
@QuarkusTest
class OutboxRelayTest {

  private static final String TOPIC = "trove-keeper.events";

  @Inject EventService events;
  @Inject OutboxRelay relay;
  @Inject OutboxRepository outbox;
  @Inject ObjectMapper mapper;

  private KafkaConsumer<String, String> consumer;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void subscribeFromTheEnd() {
    Properties props = new Properties();
    props.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    consumer = new KafkaConsumer<>(props);
    TopicPartition partition = new TopicPartition(TOPIC, 0);
    consumer.assign(List.of(partition));
    consumer.seekToEnd(List.of(partition));
    consumer.position(partition);
  }

  @AfterEach
  void close() {
    consumer.close(Duration.ofSeconds(2));
  }

  @Test
  void recordedEventsArePublishedAsCloudEventsInOrderPerSubject() throws Exception {
    String a = "targets/a-" + run;
    String b = "targets/b-" + run;
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (int i = 0; i < 5; i++) {
                events.record(EventTypes.BACKUP_SUCCEEDED, a, "p-" + run, Map.of("seq", i));
                events.record(EventTypes.BACKUP_FAILED, b, "p-" + run, Map.of("seq", i));
              }
            });
    relay.relayOnce();

    List<ConsumerRecord<String, String>> records = consume(10, a, b);

    for (String subject : List.of(a, b)) {
      List<Integer> seqs = new ArrayList<>();
      for (ConsumerRecord<String, String> record : records) {
        if (record.key().equals(subject)) {
          seqs.add(mapper.readTree(record.value()).get("data").get("seq").asInt());
        }
      }
      assertThat(seqs).containsExactly(0, 1, 2, 3, 4);
    }
    ConsumerRecord<String, String> first = records.get(0);
    JsonNode json = mapper.readTree(first.value());
    assertThat(json.get("specversion").asText()).isEqualTo("1.0");
    assertThat(json.get("source").asText()).isEqualTo("trove-keeper");
    assertThat(json.get("type").asText()).isEqualTo("dev.trovekeeper.backup.succeeded");
    assertThat(json.get("subject").asText()).isEqualTo(a).isEqualTo(first.key());
    assertThat(json.get("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(json.get("projectid").asText()).isEqualTo("p-" + run);
    assertThat(json.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(header(first, "ce_id")).isEqualTo(json.get("id").asText());
    assertThat(header(first, "ce_type")).isEqualTo("dev.trovekeeper.backup.succeeded");
    List<OutboxEvent> rows = rows(a, b);
    assertThat(rows).hasSize(10).allSatisfy(row -> assertThat(row.publishedAt).isNotNull());
    assertThat(rows.stream().map(r -> r.eventId))
        .containsExactlyInAnyOrderElementsOf(
            records.stream().map(r -> header(r, "ce_id")).toList());
  }

  @Test
  void aRolledBackChangePublishesNothing() {
    String rolledBack = "targets/rollback-" + run;
    String committed = "targets/commit-" + run;
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                events.record(EventTypes.BACKUP_PRUNED, rolledBack, "p", Map.of());
                throw new IllegalStateException("the change fails");
              });
    } catch (IllegalStateException expected) {
      // rolled back
    }
    QuarkusTransaction.requiringNew()
        .run(() -> events.record(EventTypes.BACKUP_PRUNED, committed, "p", Map.of()));
    relay.relayOnce();

    List<ConsumerRecord<String, String>> records = consume(1, rolledBack, committed);

    assertThat(records).extracting(ConsumerRecord::key).containsExactly(committed);
    assertThat(rows(rolledBack)).isEmpty();
  }

  @Test
  void relaysRunningInParallelPublishEachEventExactlyOnce() throws Exception {
    List<String> subjects = new ArrayList<>();
    for (int s = 0; s < 8; s++) {
      subjects.add("targets/parallel-" + s + "-" + run);
    }
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (int i = 0; i < 30; i++) {
                for (String subject : subjects) {
                  events.record(EventTypes.POLICY_ASSIGNED, subject, "p", Map.of("seq", i));
                }
              }
            });
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<CompletableFuture<Void>> relays = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        relays.add(CompletableFuture.runAsync(() -> relayUntilDone(subjects), pool));
      }
      CompletableFuture.allOf(relays.toArray(CompletableFuture[]::new)).get();
    } finally {
      pool.shutdownNow();
    }

    String[] all = subjects.toArray(String[]::new);
    List<ConsumerRecord<String, String>> records = consume(240, all);
    consumer.poll(Duration.ofSeconds(1)).forEach(records::add);

    Map<String, Long> perId =
        records.stream()
            .filter(r -> subjects.contains(r.key()))
            .collect(Collectors.groupingBy(r -> header(r, "ce_id"), Collectors.counting()));
    assertThat(perId).hasSize(240);
    assertThat(perId.values()).containsOnly(1L);
    for (String subject : subjects) {
      List<Integer> seqs = new ArrayList<>();
      for (ConsumerRecord<String, String> r : records) {
        if (r.key().equals(subject)) {
          seqs.add(mapper.readTree(r.value()).get("data").get("seq").asInt());
        }
      }
      assertThat(seqs).isSorted().hasSize(30);
    }
  }

  private void relayUntilDone(List<String> subjects) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (rows(subjects.toArray(String[]::new)).stream().anyMatch(r -> r.publishedAt == null)) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      relay.relayOnce();
    }
  }

  /** Records of the given subjects until {@code count} arrived (others are skipped). */
  private List<ConsumerRecord<String, String>> consume(int count, String... subjects) {
    List<String> wanted = List.of(subjects);
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (found.size() < count && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
        if (wanted.contains(r.key())) {
          found.add(r);
        }
      }
    }
    assertThat(found).as("records of %s", wanted).hasSizeGreaterThanOrEqualTo(count);
    return found;
  }

  private List<OutboxEvent> rows(String... subjects) {
    return QuarkusTransaction.requiringNew()
        .call(() -> outbox.list("subject in ?1 order by id", List.of(subjects)));
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
