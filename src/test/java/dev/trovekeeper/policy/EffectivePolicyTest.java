package dev.trovekeeper.policy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scopes merge field by field, and the instance API names the scope of every value. */
@QuarkusTest
class EffectivePolicyTest {

  private final String ops =
      KeystoneTokens.issue(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_ID);

  @Test
  void aFieldTheProjectPolicyLeavesOutComesFromTheGlobalDefault() {
    Tenant tenant = Tenant.create("merge", 1);
    tenant
        .asMember()
        .contentType("application/json")
        .body(
            """
            {"name": "no-full-interval", "scheduleKind": "CRON",
             "cronExpression": "0 0 3 * * ?", "keepLast": 4, "rpoTargetMinutes": 2000}
            """)
        .put("/v1/project/policy")
        .then()
        .statusCode(200);
    JsonPath global =
        given()
            .header("X-Auth-Token", ops)
            .get("/v1/admin/policy")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    JsonPath effective =
        tenant
            .asReader()
            .get("/v1/instances/" + tenant.instance(0))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(global.getInt("fullIntervalDays")).isPositive();
    assertThat(effective.getInt("effectivePolicy.fullIntervalDays"))
        .isEqualTo(global.getInt("fullIntervalDays"));
    Map<String, String> sources = effective.getMap("effectivePolicy.sources");
    assertThat(sources)
        .containsEntry("fullIntervalDays", "GLOBAL")
        .containsEntry("missedRunPolicy", "GLOBAL")
        .containsEntry("keepLast", "PROJECT")
        .containsEntry("cronExpression", "PROJECT")
        .containsEntry("rpoTargetMinutes", "PROJECT")
        .containsEntry("afterDelete", "GLOBAL");
    assertThat(effective.getString("effectivePolicy.scope")).isEqualTo("PROJECT");
    assertThat(effective.getString("effectivePolicy.name")).isEqualTo("no-full-interval");
    assertThat(effective.getInt("effectivePolicy.keepLast")).isEqualTo(4);
    assertThat(effective.getInt("effectivePolicy.rpoTargetMinutes")).isEqualTo(2000);

    // An instance override that sets only the RPO keeps everything else from the project.
    tenant
        .asMember()
        .contentType("application/json")
        .body(
            """
            {"name": "tight", "scheduleKind": "CRON", "cronExpression": "0 0 3 * * ?",
             "keepLast": 2, "rpoTargetMinutes": 90, "fullIntervalDays": 0}
            """)
        .put("/v1/instances/" + tenant.instance(0) + "/policy")
        .then()
        .statusCode(200);
    JsonPath overridden =
        tenant.asReader().get("/v1/instances/" + tenant.instance(0)).then().extract().jsonPath();
    assertThat(overridden.getInt("effectivePolicy.fullIntervalDays")).isZero();
    assertThat(overridden.getMap("effectivePolicy.sources", String.class, String.class))
        .containsEntry("fullIntervalDays", "TARGET")
        .containsEntry("rpoTargetMinutes", "TARGET")
        .containsEntry("timeZone", "GLOBAL");
  }

  @Test
  void aPolicyReadCanBeWrittenBackAsItIs() {
    Tenant tenant = Tenant.create("roundtrip", 0);
    String body =
        tenant
            .asMember()
            .contentType("application/json")
            .body(
                """
                {"name": "rt", "scheduleKind": "WINDOW", "windowStart": "01:00",
                 "windowLengthMinutes": 60, "keepDaily": 7}
                """)
            .put("/v1/project/policy")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    tenant
        .asMember()
        .contentType("application/json")
        .body(body)
        .put("/v1/project/policy")
        .then()
        .statusCode(200);
    String global =
        given().header("X-Auth-Token", ops).get("/v1/admin/policy").then().extract().asString();
    given()
        .header("X-Auth-Token", ops)
        .contentType("application/json")
        .body(global)
        .put("/v1/admin/policy")
        .then()
        .statusCode(200);
  }
}
