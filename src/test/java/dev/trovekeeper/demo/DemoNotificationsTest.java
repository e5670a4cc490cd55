package dev.trovekeeper.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Every emitted record has the envelope and inner shape of its event type in the recording. */
class DemoNotificationsTest {

  private static final String PROJECT = "demoproject";
  private static final Path RECORDED =
      Path.of("src/test/resources/trove-wire/notifications.kafka.jsonl");
  private static final Path RECORDED_2 =
      Path.of("src/test/resources/trove-wire/notifications-2.kafka.jsonl");

  private record Sent(String topic, String value, String instanceStatus) {}

  @Test
  void notificationsMatchTheRecordingByEventType() throws Exception {
    var sent = new CopyOnWriteArrayList<Sent>();
    var regionRef = new AtomicReference<DemoRegion>();
    NotificationSink sink =
        (topic, value) -> {
          var status =
              value.contains("trove.instance.create")
                  ? regionRef.get().instances(PROJECT).get(0).status()
                  : null;
          sent.add(new Sent(topic, value, status));
        };
    var settings =
        DemoRegionSettings.builder()
            .seed(false)
            .allDelays(Duration.ofMillis(200))
            .instanceBuildDelay(Duration.ofMillis(1500))
            .build();
    try (var region = DemoRegion.start(settings, sink)) {
      regionRef.set(region);
      region.addProject(PROJECT, PROJECT);
      region.addUser("demo", "demo-secret", PROJECT, "member");
      var client = new DemoClient(region);
      client.login("demo", "demo-secret", PROJECT);
      runSession(client);
    }
    var recorded = recordedByEventType();
    var types = sent.stream().map(s -> inner(s.value()).path("event_type").asText()).toList();
    assertThat(types)
        .contains(
            "dbaas.instance_create.start",
            "dbaas.instance_create.end",
            "trove.instance.create",
            "dbaas.backup_create.start",
            "dbaas.backup_create.end",
            "dbaas.backup_create.error",
            "dbaas.backup_delete.start",
            "dbaas.backup_delete.end",
            "dbaas.instance_delete.start",
            "dbaas.instance_delete.end",
            "trove.instance.delete");
    for (var s : sent) {
      assertThat(s.topic()).isEqualTo("notifications.info");
      var envelope = DemoClient.MAPPER.readTree(s.value());
      assertThat(envelope.fieldNames())
          .toIterable()
          .containsExactly("oslo.version", "oslo.message");
      assertThat(envelope.get("oslo.version").asText()).isEqualTo("2.0");
      assertThat(envelope.get("oslo.message").isTextual()).isTrue();
      var message = inner(s.value());
      var type = message.path("event_type").asText();
      assertThat(recorded).as("recorded " + type).containsKey(type);
      // a field may be null in one recorded message and a string in another: any may match
      var diffs = recorded.get(type).stream().map(r -> Shapes.diffLoose(r, message)).toList();
      assertThat(diffs).as(type).anySatisfy(d -> assertThat(d).isEmpty());
      assertThat(message.path("priority").asText()).isEqualTo("INFO");
      assertThat(message.path("timestamp").asText())
          .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
    }
    assertThat(sent.stream().filter(s -> s.instanceStatus() != null))
        .singleElement()
        .extracting(Sent::instanceStatus)
        .isEqualTo("ACTIVE");
  }

  @Test
  void cascadedDeleteSendsOneEndPerBackupWithTheParentsId() throws Exception {
    var sent = new CopyOnWriteArrayList<String>();
    var settings = DemoRegionSettings.builder().allDelays(Duration.ofMillis(100)).build();
    try (var region = DemoRegion.start(settings, (t, v) -> sent.add(v))) {
      var client = new DemoClient(region);
      var project = DemoSeed.PROJECT_A_ID;
      client.login(DemoSeed.ALICE, DemoSeed.ALICE_PASSWORD, project);
      var instance = region.instances(project).get(0).id();
      var full =
          backup(
              client, project, instance, "{\"name\":\"full\",\"instance\":\"" + instance + "\"}");
      backup(
          client,
          project,
          instance,
          "{\"name\":\"inc\",\"instance\":\"" + instance + "\",\"incremental\":1}");
      sent.clear();
      assertThat(client.delete("/v1.0/" + project + "/backups/" + full).status()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(5)).until(() -> deleteEnds(sent).size() == 2);
      var ends = deleteEnds(sent);
      assertThat(ends).hasSize(2);
      assertThat(ends)
          .allSatisfy(
              m -> assertThat(m.path("payload").path("backup_id").asText()).isEqualTo(full));
    }
  }

  /**
   * An instance restored from a backup announces itself like any new one, once ACTIVE, in the shape
   * recorded in the second session; its create start/end carry the backup's id.
   */
  @Test
  void restoredInstanceSendsItsOwnInstanceCreate() throws Exception {
    var sent = new CopyOnWriteArrayList<String>();
    var settings = DemoRegionSettings.builder().allDelays(Duration.ofMillis(100)).build();
    try (var region = DemoRegion.start(settings, (t, v) -> sent.add(v))) {
      var client = new DemoClient(region);
      var project = DemoSeed.PROJECT_A_ID;
      client.login(DemoSeed.ALICE, DemoSeed.ALICE_PASSWORD, project);
      var instance = region.instances(project).get(0).id();
      var full =
          backup(
              client, project, instance, "{\"name\":\"full\",\"instance\":\"" + instance + "\"}");
      sent.clear();
      var r =
          client.post(
              "/v1.0/" + project + "/instances",
              "{\"instance\":{\"name\":\"restored-1\",\"flavorRef\":\"1\",\"volume\":{\"size\":1},"
                  + "\"restorePoint\":{\"backupRef\":\""
                  + full
                  + "\"}}}");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      var id = r.json().path("instance").path("id").asText();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> sent.stream().anyMatch(v -> v.contains("trove.instance.create")));
      var recorded = recordedByEventType(RECORDED_2);
      var messages = sent.stream().map(DemoNotificationsTest::inner).toList();
      var create =
          messages.stream()
              .filter(m -> m.path("event_type").asText().equals("trove.instance.create"))
              .findFirst()
              .orElseThrow();
      assertThat(create.path("payload").path("instance_id").asText()).isEqualTo(id);
      assertThat(region.instance(project, id).orElseThrow().status()).isEqualTo("ACTIVE");
      for (var m : messages) {
        var type = m.path("event_type").asText();
        var diffs = recorded.get(type).stream().map(rec -> Shapes.diffLoose(rec, m)).toList();
        assertThat(diffs).as(type).anySatisfy(d -> assertThat(d).isEmpty());
      }
      assertThat(messages)
          .filteredOn(m -> m.path("event_type").asText().startsWith("dbaas.instance_create"))
          .hasSize(2)
          .allSatisfy(
              m -> assertThat(m.path("payload").path("backup_id").asText()).isEqualTo(full));
    }
  }

  private static List<JsonNode> deleteEnds(List<String> sent) {
    return sent.stream()
        .map(DemoNotificationsTest::inner)
        .filter(m -> m.path("event_type").asText().equals("dbaas.backup_delete.end"))
        .toList();
  }

  private static String backup(DemoClient client, String project, String instance, String body) {
    var r = client.post("/v1.0/" + project + "/backups", "{\"backup\":" + body + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    var id = r.json().path("backup").path("id").asText();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                client
                    .get("/v1.0/" + project + "/backups/" + id)
                    .json()
                    .path("backup")
                    .path("status")
                    .asText()
                    .equals("COMPLETED"));
    return id;
  }

  private static void runSession(DemoClient client) {
    var base = "/v1.0/" + PROJECT;
    var created =
        client.post(
            base + "/instances",
            "{\"instance\":{\"name\":\"db1\",\"flavorRef\":\"1\",\"volume\":{\"size\":1}}}");
    assertThat(created.status()).isEqualTo(200);
    var id = created.json().path("instance").path("id").asText();
    var early =
        client.post(
            base + "/backups", "{\"backup\":{\"name\":\"early\",\"instance\":\"" + id + "\"}}");
    assertThat(early.status()).isEqualTo(422);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                client
                    .get(base + "/instances/" + id)
                    .json()
                    .path("instance")
                    .path("status")
                    .asText()
                    .equals("ACTIVE"));
    var backup = backup(client, PROJECT, id, "{\"name\":\"b1\",\"instance\":\"" + id + "\"}");
    assertThat(client.delete(base + "/backups/" + backup).status()).isEqualTo(202);
    assertThat(client.delete(base + "/instances/" + id).status()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> client.get(base + "/instances/" + id).status() == 404);
  }

  private static Map<String, List<JsonNode>> recordedByEventType() throws Exception {
    return recordedByEventType(RECORDED);
  }

  private static Map<String, List<JsonNode>> recordedByEventType(Path file) throws Exception {
    var byType = new HashMap<String, List<JsonNode>>();
    for (var line : Files.readAllLines(file)) {
      var record = DemoClient.MAPPER.readTree(line);
      assertThat(record.get("topic").asText()).isEqualTo("notifications.info");
      var message = inner(record.get("value").asText());
      byType
          .computeIfAbsent(message.path("event_type").asText(), k -> new ArrayList<>())
          .add(message);
    }
    return byType;
  }

  private static JsonNode inner(String recordValue) {
    try {
      var envelope = DemoClient.MAPPER.readTree(recordValue);
      return DemoClient.MAPPER.readTree(envelope.get("oslo.message").asText());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
