package dev.trovekeeper.run;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import dev.trovekeeper.demo.BackupInfo;
import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.demo.Fault;
import dev.trovekeeper.demo.InstanceInfo;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.Targets;
import dev.trovekeeper.testing.TestInfrastructure;
import dev.trovekeeper.trove.BackupKind;
import dev.trovekeeper.trove.TroveClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Trove says no (422 busy, 413 rate limit with Retry-After, 500, timeouts): runs retry a bounded
 * number of times with backoff, then succeed or fail with the reason, and never storm Trove.
 */
@QuarkusTest
class TroveRefusalsTest {

  @Inject PolicyService policies;
  @Inject RunService runService;
  @Inject RunRepository runs;
  @Inject TargetRepository targets;
  @Inject TroveClient trove;

  private String project;
  private Target target;

  @BeforeEach
  void instance() {
    project = Projects.create("refusals");
    policies.setProjectDefault(
        project, Projects.cron("0 0 0 1 1 ? 2099", 3, MissedRunPolicy.RUN_ONCE));
    InstanceInfo instance = TestInfrastructure.region().createInstance(project, "refused-db");
    target = Targets.awaitInstance(targets, instance.id());
    TestInfrastructure.region().requests().clear();
  }

  @Test
  void busyRateLimitedServerErrorAndTimeoutAreRetriedUntilTheBackupIsMade() {
    var faults = TestInfrastructure.region().faults();
    faults.failNext(1, "POST", "/backups", project, Fault.busy());
    faults.failNext(1, "POST", "/backups", project, Fault.rateLimited(Duration.ofSeconds(1)));
    faults.failNext(1, "POST", "/backups", project, Fault.serverError());
    // The fourth POST hangs past the client timeout: Trove makes the backup, the client does not
    // hear of it. The run must find it by name instead of posting a fifth time.
    faults.failNext(1, "POST", "/backups", project, Fault.hang(Duration.ofSeconds(3)));

    Run run = runService.createManual(target.id, project, null);
    Run done = awaitFinal(run.id);

    assertThat(done.state).isEqualTo(RunState.SUCCEEDED);
    List<BackupInfo> made = TestInfrastructure.region().backups(project);
    assertThat(made).hasSize(1);
    assertThat(made.get(0).name()).isEqualTo(done.backupName);
    assertThat(done.externalBackupId).isEqualTo(made.get(0).id());
    assertThat(posts()).isEqualTo(4);
  }

  @Test
  void aPostThatTimedOutIsFoundByItsNameWhenItLandsInTroveLate() {
    // Trove carries the POST out 3 s after receiving it; the client gives up after 2 s. Retrying
    // right away would miss the backup and post a second one; the run waits for it to settle.
    TestInfrastructure.region()
        .faults()
        .failNext(1, "POST", "/backups", project, Fault.hang(Duration.ofSeconds(3)));

    Run run = runService.createManual(target.id, project, null);
    Run done = awaitFinal(run.id);

    assertThat(done.state).isEqualTo(RunState.SUCCEEDED);
    List<BackupInfo> made = TestInfrastructure.region().backups(project);
    assertThat(made).extracting(BackupInfo::name).containsExactly("tk-" + run.id);
    assertThat(done.externalBackupId).isEqualTo(made.get(0).id());
    assertThat(posts()).isEqualTo(1);
  }

  @Test
  void aBackupPostedUnderAnEarlierAttemptsNameIsAdoptedNotDuplicated() {
    var faults = TestInfrastructure.region().faults();
    faults.failNext(1, "POST", "/backups", project, Fault.serverError());
    faults.failNext(1, "POST", "/backups", project, Fault.busy());

    Run run = runService.createManual(target.id, project, null);
    Awaitility.await()
        .pollInterval(Duration.ofMillis(10))
        .atMost(Duration.ofSeconds(30))
        .until(() -> posts() == 2);
    // The first POST (answered 500) lands in Trove only now, after the run moved on to its
    // second name: the run must adopt it rather than post a third time.
    trove.createBackup(
        project, target.externalId, "tk-" + run.id, "landed late", BackupKind.FULL, null);
    Run done = awaitFinal(run.id);

    assertThat(done.state).isEqualTo(RunState.SUCCEEDED);
    List<BackupInfo> made = TestInfrastructure.region().backups(project);
    assertThat(made).extracting(BackupInfo::name).containsExactly("tk-" + run.id);
    assertThat(done.externalBackupId).isEqualTo(made.get(0).id());
    assertThat(posts()).isEqualTo(3);
  }

  @Test
  void anInstanceThatStaysBusyEndsFailedAfterTheAttemptLimitWithoutAStorm() {
    TestInfrastructure.region().faults().failNext(50, "POST", "/backups", project, Fault.busy());

    Run done = awaitFinal(runService.createManual(target.id, project, null).id);

    assertThat(done.state).isEqualTo(RunState.FAILED);
    assertThat(done.reasonCode).isEqualTo("GAVE_UP");
    assertThat(done.reason).contains("after 5 attempts");
    assertThat(posts()).isEqualTo(5);
    assertThat(TestInfrastructure.region().backups(project)).isEmpty();
    TestInfrastructure.region().faults().clear();
  }

  @Test
  void anInstanceThatIsNotActiveIsSkippedWithTheReason() {
    TestInfrastructure.region().setInstanceStatus(project, target.externalId, "ERROR", "");

    Run done = awaitFinal(runService.createManual(target.id, project, null).id);

    assertThat(done.state).isEqualTo(RunState.SKIPPED);
    assertThat(done.reasonCode).isEqualTo("INSTANCE_NOT_ACTIVE");
    assertThat(done.reason).contains("ERROR");
    // The inventory still knows the instance ACTIVE (no notification of the change): one POST,
    // refused 422 with nothing made, then the instance is read and the run skipped.
    assertThat(posts()).isLessThanOrEqualTo(1);
    assertThat(done.attempts).isEqualTo(1);
    assertThat(TestInfrastructure.region().backups(project)).isEmpty();
  }

  @Test
  void anInstanceThatWentDownWhileItsRunRetriedEndsSkippedCountingEveryTroveCall() {
    var region = TestInfrastructure.region();
    region.faults().failNext(1, "POST", "/backups", project, Fault.busy());
    // Trove 18 answers 422 "not ready" for a SHUTDOWN instance, on the lookup of its backups too.
    region
        .faults()
        .failNext(50, "GET", "/" + target.externalId + "/backups", project, Fault.busy());
    Run run = runService.createManual(target.id, project, null);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> posts() == 1);
    region.setInstanceStatus(project, target.externalId, "SHUTDOWN", "SHUTDOWN");

    Run done = awaitFinal(run.id);
    region.faults().clear();

    assertThat(done.state).isEqualTo(RunState.SKIPPED);
    assertThat(done.reasonCode).isEqualTo("INSTANCE_NOT_ACTIVE");
    assertThat(done.reason).contains("SHUTDOWN");
    assertThat(done.attempts).isBetween(2, 3);
    assertThat(posts()).isEqualTo(1);
    String ops =
        KeystoneTokens.issue(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_ID);
    given()
        .header("X-Auth-Token", ops)
        .get("/v1/admin/queue")
        .then()
        .statusCode(200)
        .body("recentSkipped.runId", hasItem(done.publicId))
        .body("recentSkipped.reasonCode", hasItem("INSTANCE_NOT_ACTIVE"));
  }

  @Test
  void aRunThatCannotStartIsBoundedByTheAttemptLimitWhicheverCallIsRefused() {
    // Every lookup of the run's earlier backup name is refused: each one is an attempt.
    TestInfrastructure.region().faults().failNext(1, "POST", "/backups", project, Fault.busy());
    TestInfrastructure.region()
        .faults()
        .failNext(50, "GET", "/" + target.externalId + "/backups", project, Fault.busy());

    Run done = awaitFinal(runService.createManual(target.id, project, null).id);
    TestInfrastructure.region().faults().clear();

    assertThat(done.state).isEqualTo(RunState.FAILED);
    assertThat(done.reasonCode).isEqualTo("GAVE_UP");
    assertThat(done.attempts).isEqualTo(5);
    assertThat(posts()).isEqualTo(1);
  }

  @Test
  void aQuotaRefusalFailsAtOnce() {
    TestInfrastructure.region().faults().failNext(1, "POST", "/backups", project, Fault.quota());

    Run done = awaitFinal(runService.createManual(target.id, project, null).id);

    assertThat(done.state).isEqualTo(RunState.FAILED);
    assertThat(done.reasonCode).isEqualTo("QUOTA_EXCEEDED");
    assertThat(posts()).isEqualTo(1);
  }

  private long posts() {
    return TestInfrastructure.region().requests().entries().stream()
        .filter(e -> e.method().equals("POST") && e.pattern().equals("/backups"))
        .filter(e -> project.equals(e.projectId()))
        .count();
  }

  private Run awaitFinal(long runId) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> Db.read(() -> runs.findById(runId)),
            r ->
                r.state == RunState.SUCCEEDED
                    || r.state == RunState.FAILED
                    || r.state == RunState.SKIPPED);
  }
}
