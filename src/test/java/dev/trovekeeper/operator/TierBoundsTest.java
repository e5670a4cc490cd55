package dev.trovekeeper.operator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;

import dev.trovekeeper.api.Problem;
import dev.trovekeeper.api.ProblemMapper;
import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.inventory.DiscoverySource;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.policy.PolicySpec;
import dev.trovekeeper.policy.ScheduleKind;
import dev.trovekeeper.policy.TierBounds.OutsideTierBoundsException;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.Projects;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tenant policies of a project on a tier stay within its bounds: a policy outside them is refused
 * with 422 OUTSIDE_TIER_BOUNDS naming every violated bound, and nothing is stored.
 */
@QuarkusTest
class TierBoundsTest {

  @Inject PolicyService policies;
  @Inject TargetRepository targets;

  private String ops;
  private String tier;
  private String project;

  @BeforeEach
  void projectOnGoldTier() {
    ops = KeystoneTokens.issue(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_ID);
    tier = "gold-" + UUID.randomUUID().toString().substring(0, 8);
    project = Projects.create("tier");
    admin()
        .body(
            Map.of(
                "name",
                tier,
                "minKeepLast",
                7,
                "maxRunsPerDay",
                24,
                "windowEarliest",
                "22:00",
                "windowLatest",
                "06:00"))
        .post("/v1/admin/tiers")
        .then()
        .statusCode(201);
    admin()
        .body(Map.of("tier", tier))
        .put("/v1/admin/projects/" + project)
        .then()
        .statusCode(200)
        .body("tier", equalTo(tier));
  }

  @AfterEach
  void offTheTier() {
    admin().body("{\"tier\": null}").put("/v1/admin/projects/" + project).then().statusCode(200);
    admin().delete("/v1/admin/tiers/" + tier).then().statusCode(204);
  }

  @Test
  void keepLastBelowTheMinimumIsRefusedNamingTheBound() {
    OutsideTierBoundsException e = refused(window(LocalTime.of(23, 0), 60, 2));

    assertThat(e.getMessage())
        .isEqualTo("keepLast 2 is below the tier '" + tier + "' minimum of 7");
    assertThat(e.errors()).extracting(Problem.FieldError::field).containsExactly("keepLast");
    assertThat(policies.projectDefault(project)).isEmpty();
  }

  @Test
  void tooFrequentCronIsRefusedNamingMaxRunsPerDay() {
    // every 15 minutes from 22:00 to 05:45: inside the window, but 8 hours x 4 = 32 runs a day
    OutsideTierBoundsException e = refused(cron("0 0/15 0-5,22-23 * * ?", 7));

    assertThat(e.getMessage())
        .isEqualTo("runs per day 32 exceed the tier '" + tier + "' maximum of 24");
    assertThat(policies.projectDefault(project)).isEmpty();
  }

  @Test
  void windowOutsideTheAllowedOneIsRefused() {
    OutsideTierBoundsException e = refused(window(LocalTime.of(9, 0), 60, 7));
    assertThat(e.getMessage())
        .isEqualTo(
            "window start 09:00 is outside the tier '" + tier + "' allowed window 22:00-06:00");

    OutsideTierBoundsException tooLong = refused(window(LocalTime.of(5, 0), 120, 7));
    assertThat(tooLong.getMessage())
        .isEqualTo(
            "window end 07:00 is outside the tier '" + tier + "' allowed window 22:00-06:00");

    OutsideTierBoundsException noon = refused(cron("0 0 12 * * ?", 7));
    assertThat(noon.getMessage()).contains("fires at 12:00", "allowed window 22:00-06:00");
    assertThat(policies.projectDefault(project)).isEmpty();
  }

  @Test
  void everyViolatedBoundIsListedAndAnswered422() {
    OutsideTierBoundsException e = refused(cron("0 0/30 * * * ?", 2));

    assertThat(e.errors())
        .extracting(Problem.FieldError::field)
        .containsExactly("keepLast", "cronExpression", "cronExpression");
    assertThat(e.errors().get(0).message())
        .isEqualTo("keepLast 2 is below the tier '" + tier + "' minimum of 7");
    assertThat(e.errors().get(1).message())
        .isEqualTo("runs per day 48 exceed the tier '" + tier + "' maximum of 24");
    assertThat(e.errors().get(2).message())
        .startsWith("the cron fires at ")
        .endsWith("(UTC), outside the tier '" + tier + "' allowed window 22:00-06:00");
    Response answer = new ProblemMapper().keeper(e, null, null);
    assertThat(answer.getStatus()).isEqualTo(422);
    assertThat(answer.getMediaType().toString()).isEqualTo("application/problem+json");
    Problem problem = (Problem) answer.getEntity();
    assertThat(problem.code()).isEqualTo("OUTSIDE_TIER_BOUNDS");
    assertThat(problem.detail()).contains("keepLast 2", "runs per day 48", "allowed window");
    assertThat(problem.errors()).hasSize(3);
  }

  @Test
  void policiesInsideTheBoundsAreStored() {
    policies.setProjectDefault(project, window(LocalTime.of(23, 0), 120, 7));
    assertThat(policies.projectDefault(project).orElseThrow().windowStart)
        .isEqualTo(LocalTime.of(23, 0));

    policies.setProjectDefault(project, cron("0 0 1 * * ?", 10));
    assertThat(policies.projectDefault(project).orElseThrow().keepLast).isEqualTo(10);
  }

  @Test
  void instanceOverridesAreBoundedToo() {
    Target target = target(project);

    OutsideTierBoundsException e =
        catchThrowableOfType(
            () -> policies.setTargetOverride(target, window(LocalTime.of(23, 0), 60, 3)),
            OutsideTierBoundsException.class);
    assertThat(e.getMessage())
        .isEqualTo("keepLast 3 is below the tier '" + tier + "' minimum of 7");
    assertThat(policies.targetOverride(target.id)).isEmpty();

    policies.setTargetOverride(target, window(LocalTime.of(23, 0), 60, 7));
    assertThat(policies.targetOverride(target.id)).isPresent();
  }

  @Test
  void changedTierBoundsApplyAtOnceAndTheGlobalDefaultIsNotBounded() {
    refused(window(LocalTime.of(23, 0), 60, 5));
    admin()
        .body(
            Map.of(
                "minKeepLast",
                3,
                "maxRunsPerDay",
                24,
                "windowEarliest",
                "22:00",
                "windowLatest",
                "06:00"))
        .put("/v1/admin/tiers/" + tier)
        .then()
        .statusCode(200)
        .body("minKeepLast", equalTo(3));

    policies.setProjectDefault(project, window(LocalTime.of(23, 0), 60, 5));
    assertThat(policies.projectDefault(project).orElseThrow().keepLast).isEqualTo(5);
  }

  private OutsideTierBoundsException refused(PolicySpec spec) {
    return catchThrowableOfType(
        () -> policies.setProjectDefault(project, spec), OutsideTierBoundsException.class);
  }

  @Test
  void aTenantPutOutsideTheBoundsAnswers422NamingTheBoundOverHttp() {
    String member = "tier-member-" + UUID.randomUUID().toString().substring(0, 8);
    dev.trovekeeper.testing.TestInfrastructure.region()
        .addUser(member, "member-secret", project, DemoSeed.ROLE_MEMBER);
    String token = KeystoneTokens.issue(member, "member-secret", project);

    given()
        .header("X-Auth-Token", token)
        .contentType("application/json")
        .body(
            "{\"name\": \"too-few\", \"scheduleKind\": \"WINDOW\", \"windowStart\": \"23:00\","
                + " \"windowLengthMinutes\": 60, \"timeZone\": \"UTC\", \"keepLast\": 2}")
        .put("/v1/project/policy")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("code", equalTo("OUTSIDE_TIER_BOUNDS"))
        .body("detail", equalTo("keepLast 2 is below the tier '" + tier + "' minimum of 7"))
        .body("errors.field", org.hamcrest.Matchers.contains("keepLast"));
    given().header("X-Auth-Token", token).get("/v1/project/policy").then().statusCode(404);
  }

  private io.restassured.specification.RequestSpecification admin() {
    return given().header("X-Auth-Token", ops).contentType("application/json");
  }

  private Target target(String projectId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Target t = new Target();
              t.kind = TargetKind.TROVE_INSTANCE;
              t.projectId = projectId;
              t.externalId = UUID.randomUUID().toString();
              t.name = "bounded-db";
              t.status = "ACTIVE";
              t.discoveredBy = DiscoverySource.API;
              t.createdAt = Instant.now();
              t.updatedAt = t.createdAt;
              targets.persist(t);
              return t;
            });
  }

  private static PolicySpec cron(String cron, int keepLast) {
    return Projects.cron(cron, keepLast, MissedRunPolicy.SKIP);
  }

  private static PolicySpec window(LocalTime start, int minutes, int keepLast) {
    return new PolicySpec(
        "bounded",
        ScheduleKind.WINDOW,
        null,
        "UTC",
        start,
        minutes,
        null,
        null,
        keepLast,
        null,
        null,
        null,
        null,
        24,
        MissedRunPolicy.SKIP,
        null,
        null,
        null,
        false,
        null,
        null);
  }
}
