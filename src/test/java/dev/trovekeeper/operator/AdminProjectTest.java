package dev.trovekeeper.operator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.Projects;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/admin/projects/{projectId}}: the id is never normalised into another route or another
 * id, only projects Keystone knows get settings, and a PUT merges into what is stored.
 */
@QuarkusTest
class AdminProjectTest {

  @Inject ProjectRepository projects;

  private final String ops =
      KeystoneTokens.issue(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_ID);

  @Test
  void dotSegmentsAndMatrixParametersNeverReachAnotherRoute() {
    for (String path :
        List.of(
            "/v1/admin/projects/%2e%2e/pause",
            "/v1/admin/projects/%2E%2E/pause",
            "/v1/admin/projects/./../pause",
            "/v1/admin/projects/..;/pause",
            "/v1/admin/projects/x/..%2f..%2fpause",
            "/v1/admin/projects/%2e%2e%3b/pause",
            "/v1/admin/projects//pause")) {
      refused(raw("POST", path), path);
    }
    admin().get("/v1/admin/pause").then().statusCode(200).body("paused", equalTo(false));
  }

  @Test
  void dotIdsAreRefusedAndNothingIsStored() {
    long before = Db.read(() -> projects.count());
    for (String path :
        List.of("/v1/admin/projects/..;", "/v1/admin/projects/..", "/v1/admin/projects/%2e")) {
      refused(raw("PUT", path), path);
    }
    admin()
        .body("{\"ownerEmail\": \"x@example.org\"}")
        .put("/v1/admin/projects/a.b")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem("projectId"));
    assertThat(Db.read(() -> projects.findById(".."))).isNull();
    assertThat(Db.read(() -> projects.count())).isEqualTo(before);
  }

  @Test
  void projectsKeystoneDoesNotKnowGetNoSettings() {
    String unknown = "no-such-project-" + UUID.randomUUID().toString().substring(0, 8);
    for (ValidatableResponse response :
        List.of(
            admin().body("{\"ownerEmail\": \"x@example.org\"}").put(path(unknown)).then(),
            admin().post(path(unknown) + "/pause").then(),
            admin().get(path(unknown)).then())) {
      response
          .statusCode(404)
          .contentType("application/problem+json")
          .body("code", equalTo("NOT_FOUND"))
          .body("detail", containsString(unknown));
    }
    assertThat(Db.read(() -> projects.findById(unknown))).isNull();
  }

  @Test
  void putMergesAbsentFieldsKeepTheirValueAndNullClears() {
    String project = Projects.create("merge");
    String tier = "merge-" + UUID.randomUUID().toString().substring(0, 8);
    admin().body(Map.of("name", tier)).post("/v1/admin/tiers").then().statusCode(201);

    admin()
        .body("{\"ownerEmail\": \"owner@example.org\"}")
        .put(path(project))
        .then()
        .statusCode(200)
        .body("ownerEmail", equalTo("owner@example.org"))
        .body("tier", nullValue());
    admin()
        .body("{\"tier\": \"" + tier + "\"}")
        .put(path(project))
        .then()
        .statusCode(200)
        .body("tier", equalTo(tier))
        .body("ownerEmail", equalTo("owner@example.org"));
    admin()
        .body("{\"ownerEmail\": null}")
        .put(path(project))
        .then()
        .statusCode(200)
        .body("tier", equalTo(tier))
        .body("ownerEmail", nullValue());
    admin().body("{}").put(path(project)).then().statusCode(200).body("tier", equalTo(tier));
    admin()
        .body("{\"tier\": null}")
        .put(path(project))
        .then()
        .statusCode(200)
        .body("tier", nullValue());
  }

  private static String path(String project) {
    return "/v1/admin/projects/" + project;
  }

  private static void refused(HttpResponse<String> response, String path) {
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .as(path)
        .hasValue("application/problem+json");
    assertThat(response.body()).as(path).contains("\"code\":\"VALIDATION_FAILED\"");
  }

  /**
   * Sends the path exactly as written (RestAssured would encode '%' and ';' or merge '//'), with
   * the operator's token and a JSON body.
   */
  private HttpResponse<String> raw(String method, String path) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
              .header("X-Auth-Token", ops)
              .header("Content-Type", "application/json")
              .method(
                  method,
                  HttpRequest.BodyPublishers.ofString("{\"ownerEmail\": \"x@example.org\"}"))
              .build();
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private RequestSpecification admin() {
    return given().header("X-Auth-Token", ops).contentType("application/json");
  }
}
