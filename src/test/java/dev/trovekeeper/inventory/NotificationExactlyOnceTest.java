package dev.trovekeeper.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.testing.DatabaseProxyResource;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.TcpProxy;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.logging.Log;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once application on the real broker: 300 records on a 3-partition topic (keyed by
 * instance, as partitioning by instance keeps each instance's order), with duplicates, 2 poison
 * records, and 5 records that arrive while the database is away for 8 s. Every {@code message_id}
 * is applied once (one target and one policy assignment per instance), the dead-letter topic holds
 * exactly the 2 poison records, the consumer's health shows the stall while the database is away
 * and is UP again after it, and the consumer is still consuming afterwards.
 *
 * <p>The database "stops" behind a {@link TcpProxy} (every connection reset, new ones refused), so
 * the MariaDB the other test classes share keeps running. The profile gives this class its own
 * topic, dead-letter topic and consumer group, so its counts are its own.
 */
@QuarkusTest
@TestProfile(NotificationExactlyOnceTest.DatabaseBehindProxy.class)
class NotificationExactlyOnceTest {

  private static final String TOPIC = "notifications.partitioned";
  private static final String DEAD_LETTERS = "notifications.partitioned.dlq";
  private static final String GROUP = "trove-keeper-exactly-once";
  private static final Duration OUTAGE = Duration.ofSeconds(8);

  /** The datasource through a proxy; notifications from a 3-partition topic of their own. */
  public static class DatabaseBehindProxy implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "keeper.notifications.kafka.topics", TOPIC,
          "keeper.notifications.kafka.dead-letter-topic", DEAD_LETTERS,
          "keeper.notifications.kafka.group-id", GROUP,
          // The database is away for 8 s: the consumer's health must show it within that time.
          "keeper.notifications.stall-threshold", "3s",
          // Retries of a record every 1 to 3 s: the held-back records are applied soon after the
          // database is back, and 9 retries (at least 12 s) outlast the outage.
          "keeper.notifications.kafka.retry-max-backoff", "3s");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(
          new TestResourceEntry(PartitionedTopic.class),
          new TestResourceEntry(DatabaseProxyResource.class));
    }
  }

  /** Creates this test's topics on the shared broker before the application subscribes. */
  public static class PartitionedTopic implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      try (Admin admin = admin()) {
        admin
            .createTopics(
                List.of(
                    new NewTopic(TOPIC, 3, (short) 1), new NewTopic(DEAD_LETTERS, 1, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("cannot create " + TOPIC, e);
      }
      return Map.of();
    }

    @Override
    public void stop() {
      // the broker is shared and stopped when the JVM exits
    }

    @Override
    public int order() {
      return Integer.MAX_VALUE;
    }
  }

  @Inject EntityManager em;
  @Inject @Liveness NotificationConsumerHealth health;
  @Inject SmallRyeHealthReporter reporter;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  private final String project = "exactly-once-" + UUID.randomUUID().toString().substring(0, 8);
  private final Random random = new Random(8);
  private KafkaProducer<String, String> producer;

  /** One trove.instance.create record: its instance, its message id and the record value. */
  private record Notification(String instanceId, String messageId, String value) {}

  @BeforeEach
  void producer() {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer());
  }

  @AfterEach
  void close() {
    producer.close(Duration.ofSeconds(2));
  }

  @Test
  void everyMessageIsAppliedOnceThroughDuplicatesPoisonAndADatabaseOutage() throws Exception {
    TcpProxy database = DatabaseProxyResource.proxy();
    assertThat(jdbcUrl).contains(":" + database.port() + "/");

    // Before the outage: 240 notifications, 40 duplicates of them, 1 poison record (281).
    List<Notification> before = fresh(240);
    List<ProducerRecord<String, String>> records = new ArrayList<>(records(before));
    records.addAll(records(pick(before, 40)));
    Collections.shuffle(records, random);
    records.add(random.nextInt(records.size()), poison(1));
    sendAll(records);
    awaitApplied(before);
    assertThat(database.openConnections()).isPositive();

    // The database goes away; 5 notifications arrive and fail until it is back 8 s later.
    List<Notification> during = fresh(5);
    long cutAt = System.nanoTime();
    database.cut();
    long downAfter;
    try {
      sendAll(records(during));
      Awaitility.await()
          .atMost(OUTAGE)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> health.call().getStatus() == HealthCheckResponse.Status.DOWN);
      downAfter = millisSince(cutAt);
      // The same check answers in both probes.
      assertThat(reporter.getLiveness().getPayload().toString()).contains("notification-consumer");
      assertThat(reporter.getReadiness().getPayload().toString()).contains("notification-consumer");
      Thread.sleep(Math.max(0, OUTAGE.toMillis() - millisSince(cutAt)));
    } finally {
      database.restore();
    }
    long restoredAt = System.nanoTime();
    awaitApplied(during);
    long recovery = millisSince(restoredAt);

    // After: 13 duplicates (of both groups) and the second poison record (14; 300 in all).
    List<Notification> all = new ArrayList<>(before);
    all.addAll(during);
    List<ProducerRecord<String, String>> after = new ArrayList<>(records(pick(all, 13)));
    after.add(random.nextInt(after.size()), poison(2));
    sendAll(after);
    awaitApplied(all);
    // Every record of the topic handled (acknowledged or dead-lettered) and committed: none
    // skipped.
    awaitCommittedToEnd();

    assertAppliedOnce(all);
    List<ConsumerRecord<String, String>> dead = deadLetters();
    assertThat(dead)
        .extracting(ConsumerRecord::value)
        .containsExactlyInAnyOrder(poison(1).value(), poison(2).value());
    assertThat(dead).allSatisfy(r -> assertThat(header(r, "x-reason")).contains("not JSON"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> health.call().getStatus() == HealthCheckResponse.Status.UP);

    // Still consuming: a later notification is applied.
    List<Notification> later = fresh(1);
    sendAll(records(later));
    awaitApplied(later);
    assertAppliedOnce(later);
    Log.infof(
        "Database outage of %d ms: consumer DOWN after %d ms; the 5 records held back were"
            + " applied %d ms after the database came back",
        OUTAGE.toMillis(), downAfter, recovery);
  }

  private void assertAppliedOnce(List<Notification> notifications) {
    List<String> instanceIds = notifications.stream().map(Notification::instanceId).toList();
    assertThat(processedCount(ids(notifications))).isEqualTo(notifications.size());
    List<Object[]> perInstance =
        Db.read(
            () ->
                em.createQuery(
                        "select t.externalId, count(t) from Target t where t.externalId in ?1"
                            + " group by t.externalId",
                        Object[].class)
                    .setParameter(1, instanceIds)
                    .getResultList());
    assertThat(perInstance).hasSize(notifications.size());
    assertThat(perInstance).allSatisfy(row -> assertThat(row[1]).isEqualTo(1L));
    long assignments =
        Db.read(
            () ->
                em.createQuery(
                        "select count(e) from OutboxEvent e where e.eventType = 'policy.assigned'"
                            + " and e.subject in (select concat('targets/', t.id) from Target t"
                            + " where t.externalId in ?1)",
                        Long.class)
                    .setParameter(1, instanceIds)
                    .getSingleResult());
    assertThat(assignments).isEqualTo(notifications.size());
  }

  private void awaitApplied(List<Notification> notifications) {
    List<String> ids = ids(notifications);
    Awaitility.await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> processedCount(ids) == ids.size());
  }

  private long processedCount(List<String> messageIds) {
    return Db.read(
        () ->
            em.createQuery(
                    "select count(p) from ProcessedNotification p where p.messageId in ?1",
                    Long.class)
                .setParameter(1, messageIds)
                .getSingleResult());
  }

  private void awaitCommittedToEnd() {
    try (Admin admin = admin()) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> committed(admin).equals(ends(admin)));
    }
  }

  private static Map<TopicPartition, Long> committed(Admin admin) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, Long> committed = new java.util.HashMap<>();
    offsets.forEach((tp, o) -> committed.put(tp, o == null ? -1 : o.offset()));
    return committed;
  }

  private static Map<TopicPartition, Long> ends(Admin admin) throws Exception {
    Map<TopicPartition, OffsetSpec> partitions = new java.util.HashMap<>();
    for (int p = 0; p < 3; p++) {
      partitions.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
    }
    Map<TopicPartition, Long> ends = new java.util.HashMap<>();
    admin.listOffsets(partitions).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  private static List<String> ids(List<Notification> notifications) {
    return notifications.stream().map(Notification::messageId).toList();
  }

  private List<Notification> fresh(int count) {
    List<Notification> created = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String instanceId = UUID.randomUUID().toString();
      String messageId = UUID.randomUUID().toString();
      created.add(new Notification(instanceId, messageId, create(instanceId, messageId)));
    }
    return created;
  }

  private List<Notification> pick(List<Notification> from, int count) {
    List<Notification> picked = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      picked.add(from.get(random.nextInt(from.size())));
    }
    return picked;
  }

  private static List<ProducerRecord<String, String>> records(List<Notification> notifications) {
    return notifications.stream()
        .map(n -> new ProducerRecord<>(TOPIC, n.instanceId(), n.value()))
        .toList();
  }

  private static ProducerRecord<String, String> poison(int n) {
    return new ProducerRecord<>(
        TOPIC, "poison-" + n, "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{poison " + n);
  }

  private void sendAll(List<ProducerRecord<String, String>> records) throws Exception {
    for (ProducerRecord<String, String> record : records) {
      producer.send(record);
    }
    producer.flush();
  }

  /** A trove.instance.create as oslo.messaging's Kafka driver writes it. */
  private String create(String instanceId, String messageId) {
    String message =
        "{\"message_id\": \"%s\", \"publisher_id\": \"taskmanager\", \"event_type\":"
            + " \"trove.instance.create\", \"priority\": \"INFO\", \"payload\": {\"instance_id\":"
            + " \"%s\", \"tenant_id\": \"%s\", \"name\": \"db-%s\", \"state\": \"active\","
            + " \"region\": \"RegionOne\"}, \"timestamp\": \"2026-11-30 05:23:57.000000\"}";
    String inner = String.format(message, messageId, instanceId, project, instanceId);
    return "{\"oslo.version\": \"2.0\", \"oslo.message\": \"" + inner.replace("\"", "\\\"") + "\"}";
  }

  /** Every record on the dead-letter topic, read from its start to its end offset. */
  private static List<ConsumerRecord<String, String>> deadLetters() {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(props)) {
      TopicPartition partition = new TopicPartition(DEAD_LETTERS, 0);
      reader.assign(List.of(partition));
      reader.seekToBeginning(List.of(partition));
      long end = reader.endOffsets(List.of(partition)).get(partition);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (reader.position(partition) < end && System.nanoTime() < deadline) {
        reader.poll(Duration.ofMillis(500)).forEach(found::add);
      }
    }
    return found;
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            TestInfrastructure.kafka().bootstrapServers()));
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
