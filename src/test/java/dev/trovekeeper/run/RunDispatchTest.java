package dev.trovekeeper.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.demo.InstanceInfo;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.PolicyService;
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
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The executor port and the order in which replicas take runnable runs. */
@QuarkusTest
class RunDispatchTest {

  @Inject PolicyService policies;
  @Inject RunRepository runs;
  @Inject TargetRepository targets;
  @Inject EntityManager em;

  private String project;
  private Target target;

  @BeforeEach
  void instance() {
    project = Projects.create("dispatch");
    policies.setProjectDefault(
        project, Projects.cron("0 0 0 1 1 ? 2099", 30, MissedRunPolicy.RUN_ONCE));
    InstanceInfo instance = TestInfrastructure.region().createInstance(project, "dispatch-db");
    target = Targets.awaitInstance(targets, instance.id());
    TestInfrastructure.region().requests().clear();
  }

  @Test
  void aRunNoExecutorCanCarryOutFailsWithTheReasonAndCallsNothing() {
    long id = insert(project, "MIGRATE", "MANUAL", "NOW(6) - INTERVAL 1 SECOND");

    Run done =
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> Db.read(() -> runs.findById(id)), r -> r.state != RunState.PENDING);

    assertThat(done.state).isEqualTo(RunState.FAILED);
    assertThat(done.reasonCode).isEqualTo("NO_EXECUTOR");
    assertThat(done.reason).contains("MIGRATE", "TROVE_INSTANCE");
    assertThat(TestInfrastructure.region().requests().entries())
        .noneMatch(e -> project.equals(e.projectId()));
  }

  @Test
  void workSomeoneWaitsForComesFirstAndProjectsTakeTurns() {
    String busy = project;
    String quiet = Projects.create("dispatch-quiet");
    // Due tomorrow, so this app's own worker leaves them alone; claimed "as of" tomorrow below.
    String due = "NOW(6) + INTERVAL 1 DAY";
    List<Long> busyRuns = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      busyRuns.add(insert(busy, "BACKUP", "SCHEDULED", due));
    }
    long quietRun = insert(quiet, "BACKUP", "SCHEDULED", due);
    long manual = insert(busy, "BACKUP", "MANUAL", due);
    List<Long> mine = new ArrayList<>(busyRuns);
    mine.add(quietRun);
    mine.add(manual);

    List<Long> order =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    runs
                        .lockRunnable(Instant.now().plus(Duration.ofDays(2)), Integer.MAX_VALUE)
                        .stream()
                        .filter(mine::contains)
                        .toList());
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "UPDATE runs SET state = 'SKIPPED', finished_at = NOW(6) WHERE id IN (?1)")
                    .setParameter(1, mine)
                    .executeUpdate());

    assertThat(order)
        .containsExactly(
            manual, busyRuns.get(0), quietRun, busyRuns.get(1), busyRuns.get(2), busyRuns.get(3));
  }

  private long insert(String projectId, String operation, String trigger, String nextAttempt) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              em.createNativeQuery(
                      "INSERT INTO runs (public_id, target_id, project_id, operation, run_trigger,"
                          + " backup_type, state, next_attempt_at, created_at, updated_at)"
                          + " VALUES (UUID(), ?1, ?2, ?3, ?4, 'FULL', 'PENDING', "
                          + nextAttempt
                          + ", NOW(6), NOW(6))")
                  .setParameter(1, target.id)
                  .setParameter(2, projectId)
                  .setParameter(3, operation)
                  .setParameter(4, trigger)
                  .executeUpdate();
              return ((Number) em.createNativeQuery("SELECT LAST_INSERT_ID()").getSingleResult())
                  .longValue();
            });
  }
}
