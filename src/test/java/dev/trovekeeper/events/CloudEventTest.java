package dev.trovekeeper.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CloudEventTest {

  private static final UUID ID = UUID.fromString("7d0c1c3e-8c55-4a1f-9a51-3f4c2a9e8b10");
  private static final Instant TIME = Instant.parse("2025-03-01T02:03:04.500Z");

  @Test
  void envelopeHasTheCloudEventsAttributesInSpecOrder() throws Exception {
    CloudEvent event =
        new CloudEvent(
            ID,
            EventTypes.BACKUP_SUCCEEDED,
            EventTypes.targetSubject(42),
            TIME,
            "p-1",
            Map.of("targetId", 42, "backupId", "b-9"));

    JsonNode json = new ObjectMapper().valueToTree(event.envelope());

    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "specversion",
            "id",
            "source",
            "type",
            "subject",
            "time",
            "datacontenttype",
            "projectid",
            "data");
    assertThat(json.get("specversion").asText()).isEqualTo("1.0");
    assertThat(json.get("id").asText()).isEqualTo(ID.toString());
    assertThat(json.get("source").asText()).isEqualTo("trove-keeper");
    assertThat(json.get("type").asText()).isEqualTo("dev.trovekeeper.backup.succeeded");
    assertThat(json.get("subject").asText()).isEqualTo("targets/42");
    assertThat(json.get("time").asText()).isEqualTo("2025-03-01T02:03:04.500Z");
    assertThat(json.get("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(json.get("projectid").asText()).isEqualTo("p-1");
    assertThat(json.get("data").get("backupId").asText()).isEqualTo("b-9");
    assertThat(json.get("data").get("targetId").asLong()).isEqualTo(42);
  }

  @Test
  void fleetEventsHaveNoProjectAndAnEmptyDataObject() {
    CloudEvent event = new CloudEvent(ID, "policy.assigned", "policies/1", TIME, null, null);

    assertThat(event.envelope()).doesNotContainKey("projectid").containsEntry("data", Map.of());
  }

  @Test
  void refusesAPrefixedOrMissingTypeAndAMissingSubject() {
    assertThatThrownBy(() -> new CloudEvent(ID, "dev.trovekeeper.x", "s", TIME, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CloudEvent(ID, " ", "s", TIME, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CloudEvent(ID, "rpo.breached", "", TIME, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
