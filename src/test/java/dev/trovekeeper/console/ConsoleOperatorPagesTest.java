package dev.trovekeeper.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The operator's console pages over plain HTTP (no browser): fleet pause and resume, tiers, a
 * project's settings. Each change is read back through {@code /v1/admin}: the console and the API
 * share one backend. Tenants are refused, forms without the CSRF token too, and a bad value is
 * shown next to its field and changes nothing.
 */
@QuarkusTest
class ConsoleOperatorPagesTest {

  private final String opsToken =
      KeystoneTokens.issue(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_ID);

  @Test
  void theOperatorPausesAndResumesTheFleetWithWhoAndWhen() {
    ConsoleClient ops = ConsoleClient.operator();
    assertThat(ops.get("/console/operator").asString())
        .contains("id=\"fleet-state\"><strong>Running</strong>");
    try {
      assertThat(ops.post("/console/operator/fleet/pause", Map.of()).statusCode()).isEqualTo(303);
      admin().get("/v1/admin/pause").then().body("paused", equalTo(true));
      assertThat(ops.get("/console/operator").asString())
          .contains("<strong>Paused</strong> by " + DemoSeed.userId(DemoSeed.OPS) + " since")
          .contains("action=\"/console/operator/fleet/resume\"");
      // without the CSRF token nothing changes
      assertThat(
              ops.post("/console/operator/fleet/resume", Map.of("minKeepLast", "1"), null)
                  .statusCode())
          .isEqualTo(403);
      admin().get("/v1/admin/pause").then().body("paused", equalTo(true));
      assertThat(ops.post("/console/operator/fleet/resume", Map.of()).statusCode()).isEqualTo(303);
      admin().get("/v1/admin/pause").then().body("paused", equalTo(false));
    } finally {
      admin().post("/v1/admin/resume").then().statusCode(200);
    }
    ConsoleClient tenant = ConsoleClient.member(Tenant.create("cops-fleet", 0));
    assertThat(tenant.post("/console/operator/fleet/pause", Map.of()).statusCode()).isEqualTo(403);
    admin().get("/v1/admin/pause").then().body("paused", equalTo(false));
  }

  @Test
  void tiersAreListedCreatedEditedAndDeletedWithFieldErrorsInline() {
    ConsoleClient ops = ConsoleClient.operator();
    String name = "ct-" + UUID.randomUUID().toString().substring(0, 8);

    Response bad = ops.post("/console/operator/tiers", Map.of("name", name, "minKeepLast", "0"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.asString())
        .contains("<span class=\"field-error\" id=\"minKeepLast-error\" role=\"alert\">")
        .contains("value=\"" + name + "\""); // what was typed is shown back
    admin().get("/v1/admin/tiers/" + name).then().statusCode(404);
    Response window =
        ops.post("/console/operator/tiers", Map.of("name", name, "windowEarliest", "22:00"));
    assertThat(window.statusCode()).isEqualTo(400);
    assertThat(window.asString()).contains("id=\"windowLatest-error\"");
    admin().get("/v1/admin/tiers/" + name).then().statusCode(404);

    Response created =
        ops.post(
            "/console/operator/tiers",
            Map.of(
                "name",
                name,
                "minKeepLast",
                "3",
                "windowEarliest",
                "22:00",
                "windowLatest",
                "06:00"));
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.asString())
        .contains("data-tier=\"" + name + "\"")
        .contains("22:00 to 06:00");
    admin().get("/v1/admin/tiers/" + name).then().statusCode(200).body("minKeepLast", equalTo(3));
    Response taken = ops.post("/console/operator/tiers", Map.of("name", name));
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(taken.asString()).contains("id=\"name-error\"");

    String page = "/console/operator/tiers/" + name;
    assertThat(ops.get(page).asString())
        .contains("id=\"minKeepLast\" name=\"minKeepLast\" value=\"3\"");
    Response unreadable = ops.post(page, Map.of("minKeepLast", "5", "maxRunsPerDay", "many"));
    assertThat(unreadable.statusCode()).isEqualTo(400);
    assertThat(unreadable.asString()).contains("id=\"maxRunsPerDay-error\"");
    admin().get("/v1/admin/tiers/" + name).then().body("minKeepLast", equalTo(3));
    assertThat(ops.post(page, Map.of("minKeepLast", "1"), null).statusCode()).isEqualTo(403);
    Response saved = ops.post(page, Map.of("minKeepLast", "5"));
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.asString()).contains("Tier saved.");
    admin()
        .get("/v1/admin/tiers/" + name)
        .then()
        .body("minKeepLast", equalTo(5))
        .body("windowEarliest", nullValue());

    ConsoleClient tenant = ConsoleClient.member(Tenant.create("cops-tiers", 0));
    assertThat(tenant.get("/console/operator/tiers").statusCode()).isEqualTo(403);
    assertThat(tenant.get(page).statusCode()).isEqualTo(403);
    assertThat(tenant.post(page, Map.of("minKeepLast", "1")).statusCode()).isEqualTo(403);
    assertThat(tenant.get("/console/instances").asString())
        .doesNotContain("href=\"/console/operator/tiers\"");

    assertThat(ops.post(page + "/delete", Map.of()).statusCode()).isEqualTo(303);
    admin().get("/v1/admin/tiers/" + name).then().statusCode(404);
  }

  @Test
  void aProjectsTierAndOwnerEmailAreSetWithErrorsInline() {
    Tenant project = Tenant.create("cops-settings", 0);
    ConsoleClient ops = ConsoleClient.operator();
    String tier = "cs-" + UUID.randomUUID().toString().substring(0, 8);
    admin().contentType("application/json").body(Map.of("name", tier)).post("/v1/admin/tiers");
    String page = "/console/operator/settings/" + project.projectId;

    // a project without live instances is opened by its id from the operator page
    assertThat(ops.get("/console/operator").asString()).contains("id=\"settings-project\"");
    assertThat(
            ops.get("/console/operator/settings?project=" + project.projectId).header("Location"))
        .endsWith(page);
    assertThat(ops.get(page).asString())
        .contains("<option value=\"" + tier + "\">")
        .contains("<label for=\"ownerEmail\">");
    Response unknown =
        ops.post(page, Map.of("tier", "no-such-tier", "ownerEmail", "o@example.org"));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.asString()).contains("id=\"tier-error\"").contains("no tier");
    Response email = ops.post(page, Map.of("tier", tier, "ownerEmail", "not an address"));
    assertThat(email.statusCode()).isEqualTo(400);
    assertThat(email.asString()).contains("id=\"ownerEmail-error\"");
    assertThat(ops.post(page, Map.of("minKeepLast", "1"), null).statusCode()).isEqualTo(403);
    admin()
        .get("/v1/admin/projects/" + project.projectId)
        .then()
        .body("tier", nullValue())
        .body("ownerEmail", nullValue());

    Response saved = ops.post(page, Map.of("tier", tier, "ownerEmail", "owner@example.org"));
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.asString())
        .contains("Settings saved.")
        .contains("<option value=\"" + tier + "\" selected>");
    admin()
        .get("/v1/admin/projects/" + project.projectId)
        .then()
        .body("tier", equalTo(tier))
        .body("ownerEmail", equalTo("owner@example.org"));
    // a tier a project is on is not deleted: its page says why
    Response refused = ops.post("/console/operator/tiers/" + tier + "/delete", Map.of());
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.asString()).contains("is assigned to 1 project(s)");

    ConsoleClient tenant = ConsoleClient.member(project);
    assertThat(tenant.get(page).statusCode()).isEqualTo(403);
    assertThat(tenant.post(page, Map.of("tier", "")).statusCode()).isEqualTo(403);
    assertThat(tenant.get("/console/operator/settings?project=" + project.projectId).statusCode())
        .isEqualTo(403);
    assertThat(ops.get("/console/operator/settings/no-such-project").statusCode()).isEqualTo(404);
    admin().get("/v1/admin/projects/" + project.projectId).then().body("tier", equalTo(tier));
  }

  private RequestSpecification admin() {
    return RestAssured.given().header("X-Auth-Token", opsToken);
  }
}
