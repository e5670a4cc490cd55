package dev.trovekeeper.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The published OpenAPI document says how to authenticate, documents the problem answers of every
 * {@code /v1} operation, and the success status each operation really answers.
 */
@QuarkusTest
class OpenApiDocumentTest {

  private static JsonNode document() throws Exception {
    String json =
        RestAssured.given()
            .queryParam("format", "json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return new ObjectMapper().readTree(json);
  }

  @Test
  void securitySchemesLetSwaggerUiSendAToken() throws Exception {
    JsonNode schemes = document().path("components").path("securitySchemes");
    assertThat(schemes.path("keystone").path("type").asText()).isEqualTo("apiKey");
    assertThat(schemes.path("keystone").path("in").asText()).isEqualTo("header");
    assertThat(schemes.path("keystone").path("name").asText()).isEqualTo("X-Auth-Token");
    assertThat(schemes.path("consoleJwt").path("type").asText()).isEqualTo("http");
    assertThat(schemes.path("consoleJwt").path("scheme").asText()).isEqualTo("bearer");
  }

  @Test
  void everyOperationDocumentsItsProblemsAndSecurity() throws Exception {
    JsonNode doc = document();
    assertThat(doc.path("components").path("schemas").has("Problem")).isTrue();
    SoftAssertions softly = new SoftAssertions();
    doc.path("paths")
        .fields()
        .forEachRemaining(
            path -> {
              if (!path.getKey().startsWith("/v1/")) {
                return;
              }
              path.getValue()
                  .fields()
                  .forEachRemaining(
                      op -> {
                        String what = op.getKey() + " " + path.getKey();
                        JsonNode responses = op.getValue().path("responses");
                        List<String> errors =
                            op.getKey().equals("get")
                                ? List.of("400", "401", "403", "404")
                                : List.of("400", "401", "403", "404", "409", "422");
                        for (String status : errors) {
                          softly
                              .assertThat(
                                  responses
                                      .path(status)
                                      .path("content")
                                      .path("application/problem+json")
                                      .path("schema")
                                      .path("$ref")
                                      .asText())
                              .as(what + " " + status)
                              .isEqualTo("#/components/schemas/Problem");
                        }
                        // Keystone token or console JWT; the platform's webhooks: their signature
                        softly
                            .assertThat(op.getValue().path("security").size())
                            .as(what + " security")
                            .isEqualTo(path.getKey().startsWith("/v1/webhooks/") ? 1 : 2);
                      });
            });
    softly.assertAll();
  }

  @Test
  void successStatusesAreTheOnesTheApiAnswers() throws Exception {
    JsonNode paths = document().path("paths");
    Map<String, List<String>> expected =
        Map.of(
            "post /v1/admin/tiers", List.of("201"),
            "delete /v1/admin/tiers/{name}", List.of("204"),
            "delete /v1/project/policy", List.of("204"),
            "delete /v1/instances/{instanceId}/policy", List.of("204"),
            "post /v1/deletions", List.of("202"),
            "post /v1/instances/{instanceId}/backups", List.of("200", "202"),
            "post /v1/instances/{instanceId}/backups/{backupId}/restore", List.of("202"),
            "post /v1/datasets/{datasetId}/diffs", List.of("202"));
    SoftAssertions softly = new SoftAssertions();
    expected.forEach(
        (op, statuses) -> {
          String[] parts = op.split(" ");
          JsonNode responses = paths.path(parts[1]).path(parts[0]).path("responses");
          List<String> success = new java.util.ArrayList<>();
          responses
              .fieldNames()
              .forEachRemaining(
                  s -> {
                    if (s.startsWith("2")) {
                      success.add(s);
                    }
                  });
          softly.assertThat(success).as(op).containsExactlyInAnyOrderElementsOf(statuses);
        });
    softly.assertAll();
  }
}
