package dev.trovekeeper.retention;

import static dev.trovekeeper.retention.RetentionTesting.NEVER;
import static dev.trovekeeper.retention.RetentionTesting.awaitQuiet;
import static dev.trovekeeper.retention.RetentionTesting.awaitTarget;
import static dev.trovekeeper.retention.RetentionTesting.inTrove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.trovekeeper.demo.BackupInfo;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.ArtifactRepository;
import dev.trovekeeper.run.BackupType;
import dev.trovekeeper.run.RunRepository;
import dev.trovekeeper.run.RunState;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.Tenant;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The policy (a backup every minute, keep-last 2, a full once a day) keeps a whole day of
 * backups, because retention never breaks an incremental chain; with {@code maxChainLength} it
 * keeps its word: accepted within a small quota, a new full starts whenever the chain would outgrow
 * the cap, and retention prunes back to keep-last and the chain it needs.
 */
@QuarkusTest
class MaxChainLengthTest {

  private static final int QUOTA = 4;

  @Inject TargetRepository targets;
  @Inject RunRepository runs;
  @Inject ArtifactRepository artifacts;

  @Test
  void chainsCappedAtKeepLastStartNewFullsAndRetentionKeepsTheCountBounded() {
    Tenant tenant = Tenant.create("chaincap", 1);
    TestInfrastructure.region().setBackupQuota(tenant.projectId, QUOTA);
    Target target = awaitTarget(targets, tenant.instance(0));

    // Without a cap: a day of chain (1,440 backups) against a quota of 4, refused.
    put(tenant, policy("0 * * * * ?", null))
        .statusCode(422)
        .body("code", equalTo("RETENTION_EXCEEDS_QUOTA"))
        .body("errors.field", hasItem("fullIntervalDays"));
    // With chains of at most keep-last: 3 kept at worst, plus one in flight: 4, accepted.
    put(tenant, policy("0 * * * * ?", 2)).statusCode(200).body("maxChainLength", equalTo(2));
    tenant
        .asReader()
        .get("/v1/instances/" + tenant.instance(0))
        .then()
        .statusCode(200)
        .body("effectivePolicy.maxChainLength", equalTo(2))
        .body("effectivePolicy.sources.maxChainLength", equalTo("PROJECT"));

    // The same policy every 2 s, so the test sees several chains. Trove still lists (and counts) a
    // pruned backup until its asynchronous delete ends: a little headroom over the 4.
    TestInfrastructure.region().setBackupQuota(tenant.projectId, QUOTA + 2);
    change(tenant, policy("*/2 * * * * ?", 2));
    Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> succeeded(target.id) >= 6);
    change(tenant, policy(NEVER, 2));
    awaitQuiet(runs, target.id);

    // Full, incremental on it, full, incremental on it...: no chain longer than 2.
    List<Artifact> made =
        Db.read(() -> artifacts.list("targetId = ?1", target.id)).stream()
            .filter(a -> !"FAILED".equals(a.status))
            .sorted(Comparator.comparing((Artifact a) -> a.createdAt).thenComparing(a -> a.id))
            .toList();
    assertThat(made.size()).isGreaterThanOrEqualTo(6);
    for (int i = 0; i < made.size(); i++) {
      Artifact artifact = made.get(i);
      assertThat(artifact.backupType)
          .as("backup %d of %d", i, made.size())
          .isEqualTo(i % 2 == 0 ? BackupType.FULL : BackupType.INCREMENTAL);
      if (i % 2 == 1) {
        assertThat(artifact.parentExternalId).isEqualTo(made.get(i - 1).externalId);
      }
    }
    // Retention pruned down to keep-last 2 and the chain of the older one: at most 3 remain, in
    // Trove and in the service's books (once Trove confirmed the deletes).
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(
                      inTrove(tenant.projectId, tenant.instance(0)).stream()
                          .map(BackupInfo::status)
                          .filter("COMPLETED"::equals))
                  .hasSizeBetween(2, 3);
              assertThat(Db.read(() -> artifacts.listLive(target.id))).hasSizeBetween(2, 3);
            });
  }

  /** A policy change, while the schedule may be firing (ScheduleRecomputeRaceTest). */
  private static void change(Tenant tenant, String body) {
    put(tenant, body).statusCode(200);
  }

  private static io.restassured.response.ValidatableResponse put(Tenant tenant, String body) {
    return tenant
        .asMember()
        .contentType("application/json")
        .body(body)
        .put("/v1/project/policy")
        .then();
  }

  private static String policy(String cron, Integer maxChainLength) {
    return """
        {"name": "chain-cap", "scheduleKind": "CRON", "cronExpression": "%s", "timeZone": "UTC",
         "fullIntervalDays": 1, "maxChainLength": %s, "keepLast": 2, "missedRunPolicy": "SKIP"}
        """
        .formatted(cron, maxChainLength);
  }

  private long succeeded(long targetId) {
    return Db.read(() -> runs.count("targetId = ?1 and state = ?2", targetId, RunState.SUCCEEDED));
  }
}
