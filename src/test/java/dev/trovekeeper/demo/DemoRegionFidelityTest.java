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
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replays each recorded session against a fresh region and compares every answer with the
 * recording: status, JSON shape and every value (ids and ports mapped to the live ones; dates and
 * the rate limiter's timing-dependent counters compared by shape only), then the notifications the
 * replay caused with the recorded ones: the same event types, as often, each of a recorded shape.
 * Instances and backups the recording made off the record (seen only in poll lines) are made the
 * same way, with the recorded names.
 */
class DemoRegionFidelityTest {

  private static final String PROJECT = "demoproject";
  private static final String ADMIN_PROJECT = "admin";
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern ENTITY_POLL =
      Pattern.compile("^(instance|backup) (" + UUID.pattern() + ") -> (.+)$");
  private static final Set<String> TIMING_KEYS =
      Set.of("created", "updated", "service_status_updated", "nextAvailable", "remaining");
  private static final Set<String> FINAL_STATES =
      Set.of("ACTIVE", "COMPLETED", "FAILED", "DELETE_FAILED", "HTTP 404");

  private DemoRegion region;
  private DemoClient client;
  private DemoClient admin;
  private String recording;
  private final List<String> sent = new CopyOnWriteArrayList<>();
  private final Map<String, String> ids = new HashMap<>();
  private String lastInstance;

  private void start(DemoRegionSettings.Builder settings, Path session) throws Exception {
    recording = Files.readString(session);
    region =
        DemoRegion.start(
            settings.seed(false).instanceBuildDelay(Duration.ofMillis(1500)).build(),
            (topic, value) -> sent.add(value));
    region.addProject(PROJECT, PROJECT);
    region.addUser("demo", "demo-secret", PROJECT, "member");
    region.addProject("other", "other");
    region.addUser("olly", "olly-secret", "other", "member");
    region.addProject(ADMIN_PROJECT, ADMIN_PROJECT);
    region.addUser("root", "root-secret", ADMIN_PROJECT, DemoSeed.ROLE_ADMIN);
    client = new DemoClient(region);
    client.login("demo", "demo-secret", PROJECT);
    admin = new DemoClient(region);
    admin.login("root", "root-secret", ADMIN_PROJECT);
  }

  @AfterEach
  void stop() {
    region.close();
  }

  @Test
  void replaysTheFirstSession() throws Exception {
    start(
        DemoRegionSettings.builder()
            .backupQuota(5)
            .rateLimitPerMinute(0)
            .backupStartDelay(Duration.ofMillis(300))
            .backupBuildDelay(Duration.ofMillis(500))
            .instanceDeleteDelay(Duration.ofMillis(1000))
            // this session's GET right after the DELETE already found the backup gone
            .backupDeleteDelay(Duration.ZERO),
        RecordedSession.FIRST);
    var sections = RecordedSession.parse(RecordedSession.FIRST);
    assertThat(sections).hasSize((int) RecordedSession.sectionCount(RecordedSession.FIRST));
    assertThat(sections).hasSize(29);
    var handled = new ArrayList<String>();
    for (var section : sections) {
      if (section.method != null) {
        replay(section);
      } else if (section.title.contains("token of another project")) {
        otherProjectsToken(section);
      } else if (section.title.contains("no X-Auth-Token")) {
        noToken(section);
      } else {
        assertThat(section.polls).as(section.title).isNotEmpty();
        rememberInstance(section.title);
      }
      section.polls.forEach(this::poll);
      handled.add(section.title);
    }
    assertThat(handled).hasSize(sections.size());
    assertThat(sections.stream().filter(s -> s.method != null)).hasSize(26);
    assertNotificationsAsRecorded("notifications.kafka.jsonl");
  }

  @Test
  void replaysTheSecondSession() throws Exception {
    start(
        DemoRegionSettings.builder()
            .backupQuota(3)
            .instanceQuota(55)
            .volumeQuota(100)
            .rateLimitPerMinute(5000)
            .mgmtRateLimitPerMinute(200)
            .backupStartDelay(Duration.ofMillis(300))
            .backupBuildDelay(Duration.ofMillis(500))
            .instanceDeleteDelay(Duration.ofMillis(1000))
            .instanceRestartDelay(Duration.ofMillis(1500))
            .backupDeleteDelay(Duration.ofMillis(1000)),
        RecordedSession.SECOND);
    var sections = RecordedSession.parse(RecordedSession.SECOND);
    assertThat(sections).hasSize((int) RecordedSession.sectionCount(RecordedSession.SECOND));
    assertThat(sections).hasSize(24).allSatisfy(s -> assertThat(s.method).as(s.title).isNotNull());
    var handled = new ArrayList<String>();
    for (var section : sections) {
      replay(section);
      section.polls.forEach(this::poll);
      handled.add(section.title);
    }
    assertThat(handled).hasSize(24);
    assertThat(ids)
        .as("every instance and backup the session names was made live")
        .containsKeys(namedIds(sections));
    assertNotificationsAsRecorded("notifications-2.kafka.jsonl");
  }

  private void replay(RecordedSession.Section s) {
    rememberInstance(s.path);
    var caller = ADMIN_PROJECT.equals(s.tokenOf) ? admin : client;
    var live = caller.send(s.method, live(s.path), s.body == null ? null : live(s.body));
    assertThat(live.status()).as(s.title + ": status (body %s)", live.body()).isEqualTo(s.status);
    var expected = s.answerText();
    if (expected.isEmpty()) {
      assertThat(live.body()).as(s.title).isEmpty();
      return;
    }
    var recorded = parse(expected);
    var actual = live.json();
    learnIds(recorded, actual);
    assertThat(Shapes.diff(recorded, actual)).as(s.title + ": shape").isEmpty();
    var substituted = parse(live(expected));
    var values = new ArrayList<String>();
    compareValues("$", null, substituted, actual, values);
    assertThat(values).as(s.title + ": values").isEmpty();
  }

  /** The recorded 403 carries an HTML body naming the token's project. */
  private void otherProjectsToken(RecordedSession.Section s) {
    var other = new DemoClient(region);
    other.login("olly", "olly-secret", "other");
    var live = other.get("/v1.0/" + PROJECT + "/instances");
    assertThat(live.status()).isEqualTo(s.status).isEqualTo(403);
    assertThat(live.header("Content-Type")).startsWith("text/html");
    assertThat(normalize(live.body())).isEqualTo(normalize(s.answerText()));
  }

  /** Recorded with a fake keystone (500); real keystonemiddleware answers 401, and so do we. */
  private void noToken(RecordedSession.Section s) {
    assertThat(s.status).isEqualTo(500);
    var live = client.send("GET", "/v1.0/" + PROJECT + "/instances", null, null);
    assertThat(live.status()).isEqualTo(401);
    assertThat(live.json().path("error").path("code").asInt()).isEqualTo(401);
    assertThat(live.json().path("error").path("title").asText()).isEqualTo("Unauthorized");
  }

  private void poll(String line) {
    var entity = ENTITY_POLL.matcher(line);
    if (entity.matches()) {
      pollEntity(entity);
    } else if (line.startsWith("ACTIVE")) {
      var operating = line.split(" / ")[1];
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(50))
          .untilAsserted(
              () -> {
                var i = client.get(instancePath()).json().path("instance");
                assertThat(i.path("status").asText()).isEqualTo("ACTIVE");
                assertThat(i.path("operating_status").asText()).isEqualTo(operating);
              });
    } else if (line.startsWith("BUILD")) {
      assertThat(client.get(instancePath()).json().path("instance").path("status").asText())
          .isIn("BUILD", "ACTIVE");
    } else if (line.equals("SHUTDOWN")) {
      assertThat(client.get(instancePath()).json().path("instance").path("status").asText())
          .isEqualTo("SHUTDOWN");
    } else {
      assertThat(line).isEqualTo("instance gone (404)");
      awaitStatus(instancePath(), "instance", "HTTP 404");
    }
  }

  /** {@code instance|backup ID -> STATE -> ...}: made first if off the record, then awaited. */
  private void pollEntity(Matcher m) {
    var kind = m.group(1);
    var recorded = m.group(2);
    var states = m.group(3).split(" -> ");
    var last = states[states.length - 1];
    var liveId = ids.computeIfAbsent(recorded, r -> makeOffTheRecord(kind, r));
    if (kind.equals("instance")) {
      lastInstance = recorded;
    }
    if (FINAL_STATES.contains(last)) {
      awaitStatus("/v1.0/" + PROJECT + "/" + kind + "s/" + liveId, kind, last);
    }
  }

  private void awaitStatus(String path, String kind, String state) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(
            () -> {
              var r = client.get(path);
              var now =
                  r.status() == 404 ? "HTTP 404" : r.json().path(kind).path("status").asText();
              assertThat(now).as(path).isEqualTo(state);
            });
  }

  /** Creates what the recording created without a curl line, with its recorded name. */
  private String makeOffTheRecord(String kind, String recordedId) {
    var name = matchOrFail("\"id\": \"" + recordedId + "\", \"name\": \"([^\"]+)\"", 1);
    DemoClient.Response r;
    if (kind.equals("instance")) {
      r =
          client.post(
              "/v1.0/" + PROJECT + "/instances",
              """
              {"instance":{"name":"%s","flavorRef":"1","volume":{"size":1},\
              "datastore":{"type":"mysql","version":"5.7.29"}}}"""
                  .formatted(name));
    } else {
      var of =
          matchOrFail(
              "\"id\": \"" + recordedId + "\", [^{}]*?\"instance_id\": \"(" + UUID + ")\"", 1);
      r =
          client.post(
              "/v1.0/" + PROJECT + "/backups",
              "{\"backup\":{\"name\":\"%s\",\"instance\":\"%s\"}}".formatted(name, ids.get(of)));
    }
    assertThat(r.status()).as(kind + " " + name + ": " + r.body()).isIn(200, 202);
    return r.json().path(kind).path("id").asText();
  }

  /** Ids in the requests and poll lines of the session (the missing backup's aside). */
  private static String[] namedIds(List<RecordedSession.Section> sections) {
    var named = new java.util.TreeSet<String>();
    for (var s : sections) {
      var text = s.path + " " + s.body + " " + String.join(" ", s.polls);
      UUID.matcher(text).results().map(r -> r.group()).forEach(named::add);
    }
    named.remove("00000000-0000-0000-0000-000000000000");
    return named.toArray(String[]::new);
  }

  private String matchOrFail(String regex, int group) {
    var m = Pattern.compile(regex).matcher(recording);
    assertThat(m.find()).as("recording has " + regex).isTrue();
    return m.group(group);
  }

  private String instancePath() {
    return "/v1.0/" + PROJECT + "/instances/" + ids.get(lastInstance);
  }

  private void rememberInstance(String text) {
    var m = Pattern.compile("instances/(" + UUID.pattern() + ")").matcher(text);
    if (m.find()) {
      lastInstance = m.group(1);
    }
  }

  /**
   * Learns recorded id -> live id from a pair of answers, also from ids inside strings (links,
   * {@code FAKE_<id>} server ids) where the rest of the string is the same.
   */
  private void learnIds(JsonNode recorded, JsonNode actual) {
    if (recorded.isTextual() && actual.isTextual()) {
      var r = recorded.asText();
      var a = actual.asText();
      if (!UUID.matcher(r).replaceAll("#").equals(UUID.matcher(a).replaceAll("#"))) {
        return;
      }
      var rm = UUID.matcher(r);
      var am = UUID.matcher(a);
      while (rm.find() && am.find()) {
        ids.putIfAbsent(rm.group(), am.group());
      }
    } else if (recorded.isObject() && actual.isObject()) {
      recorded
          .fieldNames()
          .forEachRemaining(
              k -> {
                if (actual.has(k)) {
                  learnIds(recorded.get(k), actual.get(k));
                }
              });
    } else if (recorded.isArray() && actual.isArray()) {
      for (int i = 0; i < Math.min(recorded.size(), actual.size()); i++) {
        learnIds(recorded.get(i), actual.get(i));
      }
    }
  }

  private void compareValues(String at, String key, JsonNode e, JsonNode a, List<String> out) {
    if (e.isObject()) {
      e.fieldNames()
          .forEachRemaining(k -> compareValues(at + "." + k, k, e.get(k), a.path(k), out));
    } else if (e.isArray()) {
      for (int i = 0; i < e.size(); i++) {
        compareValues(at + "[" + i + "]", key, e.get(i), a.path(i), out);
      }
    } else if (!TIMING_KEYS.contains(key) && !e.equals(a)) {
      out.add(at + ": expected " + e + " but was " + a);
    }
  }

  /**
   * The replay's notifications: the recorded event types, each as often as recorded, and every
   * message of a shape recorded for its type.
   */
  private void assertNotificationsAsRecorded(String file) throws Exception {
    var recorded = new HashMap<String, List<JsonNode>>();
    for (var line : Files.readAllLines(Path.of("src/test/resources/trove-wire/" + file))) {
      var message = inner(DemoClient.MAPPER.readTree(line).get("value").asText());
      recorded
          .computeIfAbsent(message.path("event_type").asText(), k -> new ArrayList<>())
          .add(message);
    }
    var expectedCounts = new TreeMap<String, Integer>();
    recorded.forEach((type, list) -> expectedCounts.put(type, list.size()));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(countByType()).isEqualTo(expectedCounts));
    for (var value : sent) {
      var message = inner(value);
      var type = message.path("event_type").asText();
      var diffs = recorded.get(type).stream().map(r -> Shapes.diffLoose(r, message)).toList();
      assertThat(diffs).as(type + ": " + message).anySatisfy(d -> assertThat(d).isEmpty());
    }
  }

  private Map<String, Integer> countByType() {
    var counts = new TreeMap<String, Integer>();
    sent.forEach(v -> counts.merge(inner(v).path("event_type").asText(), 1, Integer::sum));
    return counts;
  }

  /** Recorded text with recorded ids and the recorded port replaced by live ones. */
  private String live(String text) {
    var out = text.replace("127.0.0.1:18779", "127.0.0.1:" + region.port());
    for (var e : ids.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  private static JsonNode inner(String recordValue) {
    try {
      var envelope = DemoClient.MAPPER.readTree(recordValue);
      return DemoClient.MAPPER.readTree(envelope.get("oslo.message").asText());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return DemoClient.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(json, e);
    }
  }

  private static String normalize(String html) {
    return html.replaceAll("\\s+", " ").trim();
  }
}
