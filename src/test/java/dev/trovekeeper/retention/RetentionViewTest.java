package dev.trovekeeper.retention;

import static dev.trovekeeper.retention.RetentionTesting.NEVER;
import static dev.trovekeeper.retention.RetentionTesting.awaitTarget;
import static dev.trovekeeper.retention.RetentionTesting.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.policy.PolicyChanged;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.run.RunRepository;
import dev.trovekeeper.run.RunState;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.Tenant;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Tenants see in {@code GET /v1/instances/{id}/backups} what retention keeps and why, and what it
 * will prune: the decision the executor applies, under the policy in force now.
 */
@QuarkusTest
class RetentionViewTest {

  @Inject PolicyService policies;
  @Inject TargetRepository targets;
  @Inject RunRepository runs;
  @Inject Event<PolicyChanged> changed;

  @Test
  void eachBackupSaysWhyItIsKeptOrThatItWillBePruned() {
    Tenant tenant = Tenant.create("explain", 2);
    // A chain of a backup every 2 s for a day would not fit Trove's default quota of 50.
    TestInfrastructure.region().setBackupQuota(tenant.projectId, 1_000_000);
    policies.setProjectDefault(tenant.projectId, policy(NEVER, 10, null));
    Target fulls = awaitTarget(targets, tenant.instance(0));
    Target chain = awaitTarget(targets, tenant.instance(1));
    policies.setTargetOverride(fulls, policy("*/2 * * * * ?", 10, null));
    policies.setTargetOverride(chain, policy("*/2 * * * * ?", 10, 1));
    changed.fire(new PolicyChanged(tenant.projectId)); // the schedules follow at once
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> succeeded(fulls.id) >= 3 && succeeded(chain.id) >= 3);
    policies.setTargetOverride(fulls, policy(NEVER, 10, null));
    policies.setTargetOverride(chain, policy(NEVER, 10, 1));
    changed.fire(new PolicyChanged(tenant.projectId));
    RetentionTesting.awaitQuiet(runs, fulls.id);
    RetentionTesting.awaitQuiet(runs, chain.id);
    // Keep only the newest from now on; no backup runs, so nothing is pruned yet.
    policies.setTargetOverride(fulls, policy(NEVER, 1, null));
    policies.setTargetOverride(chain, policy(NEVER, 1, 1));

    List<Map<String, Object>> all = backups(tenant, tenant.instance(0));
    assertThat(all.get(0).get("retention"))
        .isEqualTo(Map.of("verdict", "KEPT", "reasons", List.of("KEEP_LAST", "NEWEST_COMPLETED")));
    assertThat(all.subList(1, all.size()))
        .isNotEmpty()
        .allSatisfy(
            b ->
                assertThat(b.get("retention"))
                    .isEqualTo(Map.of("verdict", "WILL_BE_PRUNED", "reasons", List.of("EXPIRED"))));

    List<Map<String, Object>> linked = backups(tenant, tenant.instance(1));
    assertThat(linked.get(0).get("retention"))
        .isEqualTo(Map.of("verdict", "KEPT", "reasons", List.of("KEEP_LAST", "NEWEST_COMPLETED")));
    assertThat(linked.subList(1, linked.size()))
        .isNotEmpty()
        .allSatisfy(
            b ->
                assertThat(b.get("retention"))
                    .isEqualTo(Map.of("verdict", "KEPT", "reasons", List.of("PARENT_OF_KEPT"))));
  }

  private static List<Map<String, Object>> backups(Tenant tenant, String instanceId) {
    return tenant
        .asReader()
        .get("/v1/instances/" + instanceId + "/backups")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items");
  }

  private long succeeded(long targetId) {
    return Db.read(() -> runs.count("targetId = ?1 and state = ?2", targetId, RunState.SUCCEEDED));
  }
}
