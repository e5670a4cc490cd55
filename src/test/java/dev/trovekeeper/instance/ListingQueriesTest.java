package dev.trovekeeper.instance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.SqlStatements;
import dev.trovekeeper.testing.Tenant;
import dev.trovekeeper.testing.TestInfrastructure;
import dev.trovekeeper.trove.TroveInstance;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The instance listing and the coverage report cost a fixed number of SQL statements per page,
 * whatever the number of rows: every per-row fact (effective policy, last good backup, next slot,
 * protection) is read for the whole page at once (issue 12).
 */
@QuarkusTest
class ListingQueriesTest {

  @Inject InventoryService inventory;
  @Inject PolicyService policies;

  @Test
  void aPageOfAHundredInstancesCostsAsManyStatementsAsAPageOfTen() {
    Tenant tenant = Tenant.create("queries", 0);
    populate(tenant.projectId, 110);

    long ten = countedList(tenant, 10, "list-10-" + tenant.projectId);
    long hundred = countedList(tenant, 100, "list-100-" + tenant.projectId);
    Log.infof(
        "SQL_PER_PAGE instances: 10 rows %d statements, 100 rows %d statements", ten, hundred);

    assertThat(ten).isPositive();
    assertThat(hundred).isEqualTo(ten);
  }

  @Test
  void theCoverageReportCostsAsManyStatementsForAHundredTargetsAsForTen() {
    String small = Projects.create("coverage-small");
    String large = Projects.create("coverage-large");
    populate(small, 10);
    populate(large, 110);
    String ops =
        KeystoneTokens.issue(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_ID);

    long ten = countedCoverage(ops, small);
    long hundred = countedCoverage(ops, large);
    Log.infof("SQL_PER_PAGE coverage: 10 rows %d statements, 110 rows %d statements", ten, hundred);

    assertThat(ten).isPositive();
    assertThat(hundred).isEqualTo(ten);
  }

  /** {@code count} ACTIVE instances on the project's default policy, some with an override. */
  private void populate(String project, int count) {
    TestInfrastructure.region().setBackupQuota(project, -1);
    policies.setProjectDefault(
        project, Projects.cron("0 0 0 1 1 ? 2099", 3, MissedRunPolicy.RUN_ONCE));
    List<TroveInstance> instances = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      instances.add(
          new TroveInstance(
              UUID.randomUUID().toString(), project, "q-" + i, "ACTIVE", "mysql", "8.0", "r"));
    }
    inventory.reconcileChunk(instances);
    for (int i = 0; i < count; i += 7) {
      Target target =
          inventory.findTarget(TargetKind.TROVE_INSTANCE, instances.get(i).id()).orElseThrow();
      policies.setTargetOverride(
          target, Projects.cron("0 0 0 1 1 ? 2098", 2, MissedRunPolicy.SKIP));
    }
  }

  private static long countedList(Tenant tenant, int limit, String key) {
    tenant
        .asReader()
        .header(SqlStatements.HEADER, key)
        .get("/v1/instances?limit=" + limit)
        .then()
        .statusCode(200);
    return SqlStatements.count(key);
  }

  private static long countedCoverage(String ops, String project) {
    String key = "coverage-" + project;
    given()
        .header("X-Auth-Token", ops)
        .header(SqlStatements.HEADER, key)
        .get("/v1/admin/coverage?project=" + project)
        .then()
        .statusCode(200);
    return SqlStatements.count(key);
  }
}
