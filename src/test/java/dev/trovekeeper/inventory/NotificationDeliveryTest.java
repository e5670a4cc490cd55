package dev.trovekeeper.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.schedule.ScheduleRepository;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Notifications exactly as oslo.messaging's Kafka driver writes them (the recorded record, with
 * fresh ids): duplicates assign once, a malformed record is dead-lettered and consumption goes on,
 * and an instance whose notification never arrived is picked up by the reconcile loop.
 */
@QuarkusTest
class NotificationDeliveryTest {

  private final ObjectMapper json = new ObjectMapper();

  @Inject TargetRepository targets;
  @Inject ScheduleRepository schedules;
  @Inject ChannelRegistry channels;
  @Inject ReconcileJob reconcile;
  @Inject EntityManager em;

  @Test
  void aDuplicatedNotificationAssignsOnceAndAMalformedOneIsDeadLettered() throws Exception {
    String instanceId = UUID.randomUUID().toString();
    String record = recordedCreate(instanceId, "dup-project", UUID.randomUUID().toString());
    for (int i = 0; i < 3; i++) {
      TestInfrastructure.send("notifications.info", record);
    }
    String malformed = "{\"oslo.version\": \"2.0\", \"oslo.message\": \"{not json";
    TestInfrastructure.send("notifications.info", malformed);
    // A valid record after the poison one: the consumer must still be consuming.
    String laterId = UUID.randomUUID().toString();
    TestInfrastructure.send(
        "notifications.info", recordedCreate(laterId, "dup-project", UUID.randomUUID().toString()));

    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> find(laterId) != null);
    Target target = find(instanceId);
    assertThat(target).isNotNull();
    assertThat(Db.read(() -> targets.count("externalId", instanceId))).isEqualTo(1);
    assertThat(Db.read(() -> schedules.count("targetId", target.id))).isEqualTo(1);
    assertThat(assignments(target.id)).isEqualTo(1);

    List<ConsumerRecord<String, String>> dead = deadLetters(malformed);
    assertThat(dead).hasSize(1);
    assertThat(
            new String(
                dead.get(0).headers().lastHeader("x-reason").value(), StandardCharsets.UTF_8))
        .contains("not JSON");
  }

  @Test
  void aNotifiedInstanceHasTheStatusTheNotificationCarries() throws Exception {
    // Trove 18's trove.instance.create says "state": "unknown" (recorded): not ACTIVE.
    String instanceId = UUID.randomUUID().toString();
    TestInfrastructure.send(
        "notifications.info",
        recordedCreate(instanceId, "status-project", UUID.randomUUID().toString()));
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> find(instanceId) != null);
    assertThat(find(instanceId).status).isEqualTo("UNKNOWN");
  }

  @Test
  void anInstanceCreatedWhileTheConsumerIsDownIsFoundByReconcile() throws Exception {
    PausableChannel consumer = channels.getPausable(NotificationListener.CHANNEL);
    consumer.pause();
    String project = dev.trovekeeper.testing.Projects.create("reconcile");
    String instanceId;
    String backlogId = UUID.randomUUID().toString();
    try {
      // A paused channel still delivers the one record its consumer had already asked for: let
      // a throwaway record take that place, so everything after it really waits.
      String throwaway = UUID.randomUUID().toString();
      TestInfrastructure.send(
          "notifications.info", recordedCreate(throwaway, project, UUID.randomUUID().toString()));
      try {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> find(throwaway) != null);
      } catch (ConditionTimeoutException noDemandWasOutstanding) {
        // Nothing had been asked for: the throwaway waits in the backlog with the rest.
      }
      instanceId = TestInfrastructure.region().createInstance(project, "while-down").id();
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  "ACTIVE"
                      .equals(
                          TestInfrastructure.region()
                              .instance(project, instanceId)
                              .orElseThrow()
                              .status()));
      // After the region's notifications: applied only once the consumer consumes again.
      TestInfrastructure.send(
          "notifications.info", recordedCreate(backlogId, project, UUID.randomUUID().toString()));
      Thread.sleep(1000);
      assertThat(find(instanceId)).as("no notification was consumed").isNull();
      assertThat(find(backlogId)).as("no notification was consumed").isNull();
      reconcile.run();
      Target target = find(instanceId);
      assertThat(target.discoveredBy).isEqualTo(DiscoverySource.RECONCILE);
      assertThat(assignments(target.id)).isEqualTo(1);
    } finally {
      consumer.resume();
    }
    // The backlog arrives once the consumer is back (the last record of it is applied, so the
    // region's are too: one partition, in order), and nothing is assigned twice.
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> find(backlogId) != null);
    assertThat(find(backlogId).discoveredBy).isEqualTo(DiscoverySource.NOTIFICATION);
    Target target = find(instanceId);
    assertThat(assignments(target.id)).isEqualTo(1);
    assertThat(target.discoveredBy).isEqualTo(DiscoverySource.RECONCILE);
  }

  private long assignments(long targetId) {
    return Db.read(
        () ->
            em.createQuery(
                    "select count(e) from OutboxEvent e where e.subject = ?1 and e.eventType = ?2",
                    Long.class)
                .setParameter(1, "targets/" + targetId)
                .setParameter(2, "policy.assigned")
                .getSingleResult());
  }

  private Target find(String instanceId) {
    return Db.read(
        () -> targets.findByExternalId(TargetKind.TROVE_INSTANCE, instanceId).orElse(null));
  }

  /** The recorded trove.instance.create record with new instance, project and message ids. */
  private String recordedCreate(String instanceId, String project, String messageId)
      throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/trove-wire/notifications.kafka.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        JsonNode record = json.readTree(line);
        String value = record.get("value").asText();
        if (value.contains("trove.instance.create")) {
          String inner = json.readTree(value).get("oslo.message").asText();
          JsonNode message = json.readTree(inner);
          return value
              .replace(message.get("message_id").asText(), messageId)
              .replace(message.get("payload").get("instance_id").asText(), instanceId)
              .replace("demoproject", project);
        }
      }
    }
    throw new IllegalStateException("no trove.instance.create in the recording");
  }

  private List<ConsumerRecord<String, String>> deadLetters(String value) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(props)) {
      reader.subscribe(List.of("notifications.dlq"));
      long end = System.currentTimeMillis() + 10_000;
      while (System.currentTimeMillis() < end && found.isEmpty()) {
        reader
            .poll(Duration.ofMillis(500))
            .forEach(
                r -> {
                  if (value.equals(r.value())) {
                    found.add(r);
                  }
                });
      }
    }
    return found;
  }
}
