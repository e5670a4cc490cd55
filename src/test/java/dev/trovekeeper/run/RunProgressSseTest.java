package dev.trovekeeper.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.testing.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client follows a run's progress as Server-Sent Events until it succeeds; the stream ends. Each
 * event has an id and a name, and a client resuming with Last-Event-ID gets only later changes.
 */
@QuarkusTest
class RunProgressSseTest {

  private final ObjectMapper json = new ObjectMapper();

  /** One Server-Sent Event: its fields by name (id, event, data). */
  record Event(Map<String, String> fields) {
    String id() {
      return fields.get("id");
    }

    String name() {
      return fields.get("event");
    }

    String data() {
      return fields.get("data");
    }
  }

  @Test
  void progressEventsFlowThroughToSucceededAndTheStreamEnds() throws Exception {
    Tenant tenant = Tenant.create("sse", 1);
    String runId =
        tenant
            .asMember()
            .post("/v1/instances/" + tenant.instance(0) + "/backups")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("id");

    HttpResponse<java.util.stream.Stream<String>> response = open(tenant, runId, null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    // The stream ends by itself after the final state: collecting it returns.
    List<Event> sent = events(response);

    List<JsonNode> runs = sent.stream().map(e -> parse(e.data())).toList();
    assertThat(runs).hasSizeGreaterThanOrEqualTo(2);
    assertThat(runs).allSatisfy(e -> assertThat(e.path("id").asText()).isEqualTo(runId));
    JsonNode last = runs.get(runs.size() - 1);
    assertThat(last.path("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(last.path("percent").asInt()).isEqualTo(100);
    assertThat(runs.stream().map(e -> e.path("state").asText()).distinct())
        .containsSubsequence("SUCCEEDED")
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(runs.stream().filter(e -> e.path("state").asText().equals("SUCCEEDED"))).hasSize(1);

    // Every event is numbered (increasing) and named; the final one is 'finished'.
    assertThat(sent).allSatisfy(e -> assertThat(e.id()).matches("\\d+"));
    assertThat(sent.stream().map(e -> Long.parseLong(e.id())).toList()).isSorted();
    assertThat(sent.stream().map(Event::id).distinct()).hasSize(sent.size());
    assertThat(sent.subList(0, sent.size() - 1))
        .allSatisfy(e -> assertThat(e.name()).isEqualTo("progress"));
    assertThat(sent.get(sent.size() - 1).name()).isEqualTo("finished");

    // Resuming after the final event: nothing more, the stream ends.
    String finalId = sent.get(sent.size() - 1).id();
    assertThat(events(open(tenant, runId, finalId))).isEmpty();
    // Resuming after an earlier event: only what changed since, here the final state.
    List<Event> resumed = events(open(tenant, runId, sent.get(0).id()));
    assertThat(resumed).extracting(Event::id).containsExactly(finalId);

    // Another project's run is not found, before any stream starts.
    Tenant other = Tenant.create("sse-other", 0);
    other.asMember().get("/v1/runs/" + runId + "/progress").then().statusCode(404);
  }

  @Test
  void askingTheStreamForJsonIsNotAcceptable() {
    Tenant tenant = Tenant.create("sse-accept", 1);
    String runId =
        tenant
            .asMember()
            .post("/v1/instances/" + tenant.instance(0) + "/backups")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("id");
    tenant
        .asReader()
        .accept("application/json")
        .get("/v1/runs/" + runId + "/progress")
        .then()
        .statusCode(406)
        .contentType("application/problem+json")
        .body("code", org.hamcrest.Matchers.equalTo("NOT_ACCEPTABLE"));
  }

  private static HttpResponse<java.util.stream.Stream<String>> open(
      Tenant tenant, String runId, String lastEventId) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:" + RestAssured.port + "/v1/runs/" + runId + "/progress"))
            .header("X-Auth-Token", tenant.readerToken)
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines());
  }

  /** Reads the whole stream (it ends by itself) into its events. */
  private static List<Event> events(HttpResponse<java.util.stream.Stream<String>> response)
      throws Exception {
    List<String> lines =
        CompletableFuture.supplyAsync(() -> response.body().toList()).get(90, TimeUnit.SECONDS);
    List<Event> events = new ArrayList<>();
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : lines) {
      if (line.isEmpty()) {
        if (fields.containsKey("data")) {
          events.add(new Event(fields));
        }
        fields = new LinkedHashMap<>();
      } else if (line.contains(":")) {
        int colon = line.indexOf(':');
        fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
      }
    }
    if (fields.containsKey("data")) {
      events.add(new Event(fields));
    }
    return events;
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
