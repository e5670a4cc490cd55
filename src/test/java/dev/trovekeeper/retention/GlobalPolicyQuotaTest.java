package dev.trovekeeper.retention;

import static dev.trovekeeper.retention.RetentionTesting.awaitTarget;
import static dev.trovekeeper.retention.RetentionTesting.policy;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.policy.QuotaCheck;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The operator's global default is checked against the backup quota of every project it applies to,
 * as project policies are: the same retention is refused for both (422 naming the project, the
 * field and the figures), and a refused global default changes nothing.
 */
@QuarkusTest
class GlobalPolicyQuotaTest {

  @Inject PolicyService policies;
  @Inject TargetRepository targets;

  private final String ops =
      KeystoneTokens.issue(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_ID);

  @Test
  void aGlobalDefaultOverAProjectsQuotaIsRefusedLikeTheSameProjectPolicy() {
    String project = Projects.create("global-quota");
    TestInfrastructure.region().setBackupQuota(project, 4);
    awaitTarget(targets, TestInfrastructure.region().createInstance(project, "gq-db").id());
    try {
      Map<String, Object> current =
          new HashMap<>(admin().get("/v1/admin/policy").then().extract().jsonPath().getMap(""));
      current.remove("id");
      current.remove("updatedAt");
      Map<String, Object> tooMuch = new HashMap<>(current);
      tooMuch.put("fullIntervalDays", null);
      tooMuch.put("keepLast", 6);
      tooMuch.put("maxAgeDays", null);

      admin()
          .body(tooMuch)
          .put("/v1/admin/policy")
          .then()
          .statusCode(422)
          .contentType("application/problem+json")
          .body("code", equalTo("RETENTION_EXCEEDS_QUOTA"))
          .body("errors.field", hasItem("keepLast"))
          .body("detail", containsString(project))
          .body("detail", containsString("quota of 4"));
      assertThat(admin().get("/v1/admin/policy").then().extract().jsonPath().getInt("keepLast"))
          .isEqualTo(current.get("keepLast"));

      // The same retention as the project's own default is refused too.
      Assertions.assertThatThrownBy(
              () -> policies.setProjectDefault(project, policy("0 0 2 * * ?", 6, null)))
          .isInstanceOf(QuotaCheck.RetentionExceedsQuotaException.class);
    } finally {
      // Later tests change the global default: this project no longer depends on it.
      policies.setProjectDefault(project, policy("0 0 0 1 1 ? 2099", 1, null));
    }
  }

  private RequestSpecification admin() {
    return given().header("X-Auth-Token", ops).contentType("application/json");
  }
}
