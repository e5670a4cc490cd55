package dev.trovekeeper.trove;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parses the notifications recorded from real Trove, in both oslo envelope versions. */
class OsloEnvelopeTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void parsesEveryRecordedKafkaRecord() throws IOException {
    List<String> lines = resourceLines("/trove-wire/notifications.kafka.jsonl");
    assertThat(lines).hasSize(33);
    for (String line : lines) {
      JsonNode record = json.readTree(line);
      OsloNotification n = OsloEnvelope.parse(json, record.get("value").asText());
      assertThat(n.messageId()).matches("[0-9a-f-]{36}");
      assertThat(n.eventType()).isNotBlank();
      assertThat(n.timestamp()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
      assertThat(n.payload().isObject()).isTrue();
    }
  }

  @Test
  void readsTheInstanceCreatePayload() throws IOException {
    String value =
        resourceLines("/trove-wire/notifications.kafka.jsonl").stream()
            .map(this::value)
            .filter(v -> v.contains("trove.instance.create"))
            .findFirst()
            .orElseThrow();
    OsloNotification n = OsloEnvelope.parse(json, value);
    assertThat(n.eventType()).isEqualTo("trove.instance.create");
    assertThat(n.payloadText("instance_id")).isEqualTo("13d08234-536f-46b0-a626-9fdc3f2928d4");
    assertThat(n.payloadText("tenant_id")).isEqualTo("demoproject");
  }

  @Test
  void parsesBareVersionOneMessages() throws IOException {
    // notifications.log.txt holds the same notifications without the v2 envelope.
    for (String line : resourceLines("/trove-wire/notifications.log.txt")) {
      String message = line.substring(line.indexOf("[-] ") + 4);
      OsloNotification n = OsloEnvelope.parse(json, message);
      assertThat(n.messageId()).isNotBlank();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[1,2]",
        "{\"oslo.version\":\"2.0\",\"oslo.message\":{\"a\":1}}",
        "{\"oslo.version\":\"2.0\",\"oslo.message\":\"{broken\"}",
        "{\"event_type\":\"trove.instance.create\",\"payload\":{}}",
        "{\"message_id\":\"m1\",\"payload\":{}}",
        "{\"message_id\":\"m1\",\"event_type\":\"x\",\"payload\":\"text\"}"
      })
  void rejectsWhatIsNotANotification(String record) {
    assertThatThrownBy(() -> OsloEnvelope.parse(json, record))
        .isInstanceOf(MalformedNotificationException.class)
        .hasMessageNotContaining("Exception");
  }

  private String value(String line) {
    try {
      return json.readTree(line).get("value").asText();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> resourceLines(String name) throws IOException {
    try (InputStream in = OsloEnvelopeTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank())
          .toList();
    }
  }
}
