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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A client follows a run's progress as Server-Sent Events until it succeeds; the stream ends. */
@QuarkusTest
class RunProgressSseTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void progressEventsFlowThroughToSucceededAndTheStreamEnds() throws Exception {
    Tenant tenant = Tenant.create("sse", 1);
    long runId =
        tenant
            .asMember()
            .post("/v1/instances/" + tenant.instance(0) + "/backups")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getLong("id");

    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    "http://localhost:" + RestAssured.port + "/v1/runs/" + runId + "/progress"))
            .header("X-Auth-Token", tenant.readerToken)
            .header("Accept", "text/event-stream")
            .build();
    HttpResponse<java.util.stream.Stream<String>> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    // The stream ends by itself after the final state: collecting it returns.
    List<String> data =
        CompletableFuture.supplyAsync(
                () ->
                    response
                        .body()
                        .filter(line -> line.startsWith("data:"))
                        .map(line -> line.substring(5).trim())
                        .toList())
            .get(90, TimeUnit.SECONDS);

    List<JsonNode> events = data.stream().map(this::parse).toList();
    assertThat(events).hasSizeGreaterThanOrEqualTo(2);
    assertThat(events).allSatisfy(e -> assertThat(e.path("id").asLong()).isEqualTo(runId));
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.path("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(last.path("percent").asInt()).isEqualTo(100);
    assertThat(events.stream().map(e -> e.path("state").asText()).distinct())
        .containsSubsequence("SUCCEEDED")
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(events.stream().filter(e -> e.path("state").asText().equals("SUCCEEDED")))
        .hasSize(1);

    // Another project's run is not found, before any stream starts.
    Tenant other = Tenant.create("sse-other", 0);
    other.asMember().get("/v1/runs/" + runId + "/progress").then().statusCode(404);
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
