package dev.trovekeeper.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.demo.Fault;
import dev.trovekeeper.demo.InstanceInfo;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.policy.PolicySpec;
import dev.trovekeeper.policy.ScheduleKind;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.Targets;
import dev.trovekeeper.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run engine under the failures of a fleet: a worker held past its lease, a crashed replica's
 * runs, a step that keeps throwing, slots queued while Trove was down.
 */
@QuarkusTest
class RunEngineTest {

  @Inject PolicyService policies;
  @Inject RunService runService;
  @Inject RunRepository runs;
  @Inject RunStore store;
  @Inject RunExecutors executors;
  @Inject Admission admission;
  @Inject TargetRepository targets;
  @Inject EntityManager em;

  private String project;
  private Target target;

  @BeforeEach
  void instance() {
    project = Projects.create("engine");
    policies.setProjectDefault(
        project, Projects.cron("0 0 0 1 1 ? 2099", 30, MissedRunPolicy.RUN_ONCE));
    target = newTarget("engine-db");
    TestInfrastructure.region().requests().clear();
  }

  @Test
  void aWorkerHeldPastItsLeaseCannotPostASecondBackup() {
    var region = TestInfrastructure.region();
    // The inventory does not know the instance's status, so the step reads it before posting.
    sql("UPDATE targets SET status = 'UNKNOWN' WHERE id = ?1", target.id);
    // Replica A (this app's worker) is held in its first Trove call for longer than its lease.
    region
        .faults()
        .failNext(
            1,
            "GET",
            "/instances/" + target.externalId,
            project,
            Fault.hang(Duration.ofSeconds(5)));
    Run run = runService.createManual(target.id, project, null);
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> region.faults().pending() == 0);

    // Its lease runs out and replica B takes the run over and posts.
    // One transaction: this app's own dispatcher must not see the expired lease and take the run
    // back between the two statements (it would, on a busy machine).
    RunLease b =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  em.createNativeQuery(
                          "UPDATE runs SET claim_expires_at = NOW(6) - INTERVAL 1 SECOND,"
                              + " next_attempt_at = NULL WHERE id = ?1")
                      .setParameter(1, run.id)
                      .executeUpdate();
                  return store.claimRun(run.id, "replica-b", Duration.ofSeconds(20));
                })
            .orElseThrow();
    executors.step(b);

    // A's held call is answered at last (after its retry); by then A has reached its POST.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> calls("GET", "/instances/{id}") >= 3);
    Run done = awaitFinal(run.id);
    assertThat(done.state).isEqualTo(RunState.SUCCEEDED);
    assertThat(region.backups(project)).hasSize(1);
    assertThat(calls("POST", "/backups")).isEqualTo(1);
  }

  @Test
  void aWorkerSteppingLongerThanItsLeaseKeepsItsRun() {
    // Incremental backups (the parent is the one the service saw completed, not read again).
    long policyId =
        policies.setProjectDefault(
                project,
                new PolicySpec(
                    "incremental",
                    ScheduleKind.CRON,
                    "0 0 0 1 1 ? 2099",
                    "UTC",
                    null,
                    null,
                    7,
                    null,
                    30,
                    null,
                    null,
                    null,
                    null,
                    24,
                    MissedRunPolicy.RUN_ONCE,
                    null,
                    null,
                    null,
                    false,
                    null,
                    null))
            .id;
    Run first = awaitFinal(runService.createManual(target.id, project, policyId).id);
    assertThat(first.state).isEqualTo(RunState.SUCCEEDED);
    var region = TestInfrastructure.region();
    region.requests().clear();
    // The inventory does not know the instance's status, so the step reads it before posting.
    sql("UPDATE targets SET status = 'UNKNOWN' WHERE id = ?1", target.id);
    // Trove holds the read past the client's timeout three times and answers the POST late: the
    // step lasts 8 s or more (three 2 s timeouts, the backoff between them and a 1.9 s POST),
    // longer than the 8 s lease.
    region
        .faults()
        .failNext(
            3, "GET", "/instances/" + target.externalId, project, Fault.hang(Duration.ofSeconds(3)))
        .failNext(1, "POST", "/backups", project, Fault.hang(Duration.ofMillis(1900)));

    Run done = awaitFinal(runService.createManual(target.id, project, policyId).id);

    // The worker renewed its lease: nobody took the run over and started it again.
    assertThat(done.state).isEqualTo(RunState.SUCCEEDED);
    assertThat(done.attempts).isEqualTo(1);
    assertThat(done.backupType).isEqualTo(BackupType.INCREMENTAL);
    assertThat(calls("GET", "/instances/{id}")).isEqualTo(4);
    assertThat(calls("POST", "/backups")).isEqualTo(1);
    assertThat(region.backups(project)).hasSize(2);
  }

  @Test
  void runsOfACrashedReplicaWhoseLeaseRanOutDoNotBlockTheProjectsNextRun() {
    // Four started runs (the project limit) held by a replica that died a minute ago; they are
    // not due yet, so no worker takes them over during the test.
    for (int i = 0; i < 4; i++) {
      insertRun(newTarget("crashed-" + i).id, "'REQUESTED'", "'dead-replica'");
    }
    long next = insertRun(target.id, "'PENDING'", "NULL");

    boolean admitted = admission.tryAdmit(next);

    sql("UPDATE runs SET state = 'SKIPPED', finished_at = NOW(6) WHERE project_id = ?1", project);
    assertThat(admitted).isTrue();
  }

  @Test
  void aStepThatKeepsFailingEndsTheRunFailedWithTheReason() {
    // A value this release cannot read (as a newer release might write): every step throws.
    long id = insertRun(target.id, "'PENDING'", "NULL");
    sql("UPDATE runs SET backup_type = 'SNAPSHOT', next_attempt_at = NULL WHERE id = ?1", id);

    Object[] row =
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    (Object[])
                        Db.read(
                            () ->
                                em.createNativeQuery(
                                        "SELECT state, reason_code, reason, step_failures"
                                            + " FROM runs WHERE id = ?1")
                                    .setParameter(1, id)
                                    .getSingleResult()),
                r -> !"PENDING".equals(r[0]));
    sql("UPDATE runs SET backup_type = 'FULL' WHERE id = ?1", id);

    assertThat(row[0]).isEqualTo("FAILED");
    assertThat(row[1]).isEqualTo("STEP_FAILED");
    assertThat((String) row[2]).contains("after 3 errors", "SNAPSHOT");
    assertThat(((Number) row[3]).intValue()).isEqualTo(3);
    assertThat(calls("POST", "/backups")).isZero();
  }

  @Test
  void slotsQueuedWhileTroveWasDownCollapseToOneRunUnderRunOnce() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    // Four slots fired while Trove was unreachable; their runs wait to start.
    List<Long> ids =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    List.of(90, 60, 30, 0).stream()
                        .map(
                            ago ->
                                runService
                                    .createForSlot(
                                        target.id,
                                        project,
                                        null,
                                        now.minusSeconds(ago),
                                        RunTrigger.SCHEDULED)
                                    .orElseThrow()
                                    .id)
                        .toList());

    List<Run> done = ids.stream().map(this::awaitFinal).toList();

    assertThat(done.subList(0, 3))
        .allSatisfy(
            r -> {
              assertThat(r.state).isEqualTo(RunState.SKIPPED);
              assertThat(r.reasonCode).isEqualTo("SLOT_SUPERSEDED");
            });
    assertThat(done.get(3).state).isEqualTo(RunState.SUCCEEDED);
    assertThat(TestInfrastructure.region().backups(project)).hasSize(1);
  }

  private Target newTarget(String name) {
    InstanceInfo instance = TestInfrastructure.region().createInstance(project, name);
    return Targets.awaitInstance(targets, instance.id());
  }

  /** A run not due for a day, started (and claimed until a minute ago) when claimed. */
  private long insertRun(long targetId, String state, String claimedBy) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              em.createNativeQuery(
                      "INSERT INTO runs (public_id, target_id, project_id, operation, run_trigger,"
                          + " backup_type, state, next_attempt_at, claimed_by, claim_expires_at,"
                          + " started_at, created_at, updated_at) VALUES (UUID(), ?1, ?2, 'BACKUP',"
                          + " 'MANUAL', 'FULL', "
                          + state
                          + ", NOW(6) + INTERVAL 1 DAY, "
                          + claimedBy
                          + ", IF("
                          + claimedBy
                          + " IS NULL, NULL, NOW(6) - INTERVAL 1 MINUTE), IF("
                          + claimedBy
                          + " IS NULL, NULL, NOW(6) - INTERVAL 2 MINUTE), NOW(6), NOW(6))")
                  .setParameter(1, targetId)
                  .setParameter(2, project)
                  .executeUpdate();
              return ((Number)
                      em.createNativeQuery("SELECT MAX(id) FROM runs WHERE target_id = ?1")
                          .setParameter(1, targetId)
                          .getSingleResult())
                  .longValue();
            });
  }

  private void sql(String statement, Object parameter) {
    QuarkusTransaction.requiringNew()
        .run(() -> em.createNativeQuery(statement).setParameter(1, parameter).executeUpdate());
  }

  private long calls(String method, String pattern) {
    return TestInfrastructure.region().requests().entries().stream()
        .filter(e -> e.method().equals(method) && e.pattern().equals(pattern))
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
