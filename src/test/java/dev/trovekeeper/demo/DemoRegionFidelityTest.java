package dev.trovekeeper.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Replays api-session.txt against a fresh region and compares every answer with the recording. */
class DemoRegionFidelityTest {

  private static final String PROJECT = "demoproject";
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Set<String> DATE_KEYS =
      Set.of("created", "updated", "service_status_updated");

  private DemoRegion region;
  private DemoClient client;
  private final Map<String, String> ids = new HashMap<>();
  private String lastInstance;

  @BeforeEach
  void start() {
    var settings =
        DemoRegionSettings.builder()
            .seed(false)
            .backupQuota(5)
            .rateLimitPerMinute(0)
            .instanceBuildDelay(Duration.ofMillis(1500))
            .backupStartDelay(Duration.ofMillis(300))
            .backupBuildDelay(Duration.ofMillis(500))
            .instanceDeleteDelay(Duration.ofMillis(1000))
            .build();
    region = DemoRegion.start(settings, NotificationSink.NONE);
    region.addProject(PROJECT, PROJECT);
    region.addUser("demo", "demo-secret", PROJECT, "member");
    region.addProject("other", "other");
    region.addUser("olly", "olly-secret", "other", "member");
    client = new DemoClient(region);
    client.login("demo", "demo-secret", PROJECT);
  }

  @AfterEach
  void stop() {
    region.close();
  }

  @Test
  void replaysEveryRecordedCase() throws Exception {
    var sections = RecordedSession.parse();
    assertThat(sections).hasSize((int) RecordedSession.sectionCount()).hasSize(29);
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
      poll(section);
      handled.add(section.title);
    }
    assertThat(handled).hasSize(sections.size());
    assertThat(sections.stream().filter(s -> s.method != null)).hasSize(26);
  }

  private void replay(RecordedSession.Section s) {
    rememberInstance(s.path);
    var live = client.send(s.method, live(s.path), s.body == null ? null : live(s.body));
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

  private void poll(RecordedSession.Section s) {
    for (var line : s.polls) {
      var parts = line.split(" ");
      if (line.startsWith("backup ")) {
        var status = parts[3];
        if (Set.of("COMPLETED", "FAILED", "DELETE_FAILED").contains(status)) {
          var path = "/v1.0/" + PROJECT + "/backups/" + ids.get(parts[1]);
          await()
              .atMost(Duration.ofSeconds(10))
              .pollInterval(Duration.ofMillis(50))
              .untilAsserted(
                  () ->
                      assertThat(client.get(path).json().path("backup").path("status").asText())
                          .as(line)
                          .isEqualTo(status));
        }
      } else if (line.startsWith("ACTIVE")) {
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(50))
            .untilAsserted(
                () -> {
                  var i = client.get(instancePath()).json().path("instance");
                  assertThat(i.path("status").asText()).isEqualTo("ACTIVE");
                  assertThat(i.path("operating_status").asText()).isEqualTo(parts[2]);
                });
      } else if (line.startsWith("BUILD")) {
        assertThat(client.get(instancePath()).json().path("instance").path("status").asText())
            .isIn("BUILD", "ACTIVE");
      } else if (line.equals("SHUTDOWN")) {
        assertThat(client.get(instancePath()).json().path("instance").path("status").asText())
            .isEqualTo("SHUTDOWN");
      } else {
        await()
            .atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> client.get(instancePath()).status() == 404);
      }
    }
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

  /** Learns recorded id -> live id from a pair of answers. */
  private void learnIds(JsonNode recorded, JsonNode actual) {
    if (recorded.isTextual() && actual.isTextual()) {
      var r = UUID.matcher(recorded.asText());
      var a = UUID.matcher(actual.asText());
      if (r.matches() && a.matches()) {
        ids.putIfAbsent(recorded.asText(), actual.asText());
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
    } else if (!DATE_KEYS.contains(key) && !e.equals(a)) {
      out.add(at + ": expected " + e + " but was " + a);
    }
  }

  /** Recorded text with recorded ids and the recorded port replaced by live ones. */
  private String live(String text) {
    var out = text.replace("127.0.0.1:18779", "127.0.0.1:" + region.port());
    for (var e : ids.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
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
