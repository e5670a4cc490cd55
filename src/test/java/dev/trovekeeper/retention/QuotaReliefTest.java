package dev.trovekeeper.retention;

import static dev.trovekeeper.retention.RetentionTesting.NEVER;
import static dev.trovekeeper.retention.RetentionTesting.awaitTarget;
import static dev.trovekeeper.retention.RetentionTesting.inTrove;
import static dev.trovekeeper.retention.RetentionTesting.policy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.demo.BackupInfo;
import dev.trovekeeper.demo.DemoRegion;
import dev.trovekeeper.demo.InstanceInfo;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.run.ArtifactRepository;
import dev.trovekeeper.run.Run;
import dev.trovekeeper.run.RunRepository;
import dev.trovekeeper.run.RunState;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A project that holds its Trove backup quota (413 {@code Quota exceeded for resources:
 * ['backups']}) on real MariaDB and the demo region: a run makes room before it posts, by the
 * policy's rules and then by deleting the oldest backup no chain needs; when nothing may go, the
 * run ends FAILED with reason code QUOTA_EXCEEDED and nothing is deleted.
 */
@QuarkusTest
class QuotaReliefTest {

  @Inject PolicyService policies;
  @Inject TargetRepository targets;
  @Inject RunRepository runs;
  @Inject ArtifactRepository artifacts;
  @Inject EntityManager em;

  private final DemoRegion region = TestInfrastructure.region();

  @Test
  void atTheQuotaARunMakesRoomAndStillPosts() {
    String project = Projects.create("quota");
    region.setBackupQuota(project, 3);
    region.setBackupDeleteDelay(project, Duration.ofSeconds(1)); // as Trove: 202, listed a while
    // Keep-last 3 fills the quota of 3: every further backup needs a unit back first.
    policies.setProjectDefault(project, policy("*/2 * * * * ?", 3, null));
    InstanceInfo instance = region.createInstance(project, "quota-db");
    Target target = awaitTarget(targets, instance.id());

    Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> succeeded(target.id) >= 6);
    policies.setProjectDefault(project, policy(NEVER, 1, null));
    RetentionTesting.awaitQuiet(runs, target.id);

    assertThat(runsIn(target.id, RunState.FAILED)).isEmpty();
    assertThat(region.backupQuotaUsage(project)).isLessThanOrEqualTo(3);
    assertThat(region.requests().entries())
        .filteredOn(e -> project.equals(e.projectId()) && e.method().equals("POST"))
        .anySatisfy(e -> assertThat(e.status()).isEqualTo(413));
    // The newest backup is always among those kept.
    List<dev.trovekeeper.run.Artifact> live = Db.read(() -> artifacts.listLive(target.id));
    String newest = live.get(live.size() - 1).externalId;
    assertThat(inTrove(project, instance.id()).stream().map(BackupInfo::id)).contains(newest);
    assertThat(RetentionTesting.payloads(em, target.id, "backup.pruned"))
        .map(p -> RetentionTesting.data(p).path("reason").asText())
        .contains(DeletionTracker.QUOTA_PRESSURE);
  }

  @Test
  void whenNothingMayGoTheRunFailsWithQuotaExceededAndNothingIsDeleted() {
    String project = Projects.create("quota-chain");
    region.setBackupQuota(project, 2);
    // One incremental chain: the full is needed by the incremental, which is the newest.
    policies.setProjectDefault(project, policy("*/2 * * * * ?", 5, 1));
    InstanceInfo instance = region.createInstance(project, "chain-db");
    Target target = awaitTarget(targets, instance.id());

    Run failed =
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> runsIn(target.id, RunState.FAILED), l -> !l.isEmpty())
            .get(0);

    assertThat(failed.reasonCode).isEqualTo("QUOTA_EXCEEDED");
    assertThat(failed.reason).contains("quota").contains("may delete none");
    assertThat(failed.attempts).isEqualTo(1);
    assertThat(inTrove(project, instance.id()))
        .hasSize(2)
        .allSatisfy(b -> assertThat(b.status()).isEqualTo("COMPLETED"));
    assertThat(Db.read(() -> artifacts.count("targetId = ?1 and status like 'DELET%'", target.id)))
        .isZero();
    assertThat(RetentionTesting.payloads(em, target.id, "backup.failed"))
        .map(p -> RetentionTesting.data(p).path("reasonCode").asText())
        .contains("QUOTA_EXCEEDED");
    policies.setProjectDefault(project, policy(NEVER, 1, null)); // stop firing
  }

  private long succeeded(long targetId) {
    return Db.read(() -> runs.count("targetId = ?1 and state = ?2", targetId, RunState.SUCCEEDED));
  }

  private List<Run> runsIn(long targetId, RunState state) {
    return Db.read(() -> runs.list("targetId = ?1 and state = ?2 order by id", targetId, state));
  }
}
