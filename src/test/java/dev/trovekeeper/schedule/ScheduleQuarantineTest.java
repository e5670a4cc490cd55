package dev.trovekeeper.schedule;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.demo.DemoSeed;
import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.run.RunWorker;
import dev.trovekeeper.testing.KeystoneTokens;
import dev.trovekeeper.testing.Projects;
import dev.trovekeeper.testing.SqlStatements;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One schedule that cannot be fired (its policy names a time zone that does not exist) is the
 * oldest of 500 due: it must not hold the other 499 back, and it is set aside and reported.
 */
@QuarkusTest
class ScheduleQuarantineTest {

  private static final int TARGETS = 500;

  @Inject ScheduleClaimer claimer;
  @Inject ScheduleLoop loop;
  @Inject RunWorker worker;
  @Inject PolicyService policies;
  @Inject EntityManager em;

  private String project;

  @BeforeEach
  void stopEngines() {
    // The test drives the claimer itself; no run is executed (the targets are not in Trove).
    loop.stop();
    worker.stop();
  }

  @AfterEach
  void restartEngines() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              em.createNativeQuery(
                      "UPDATE runs SET state = 'SKIPPED', finished_at = NOW(6) WHERE project_id = ?1")
                  .setParameter(1, project)
                  .executeUpdate();
              em.createNativeQuery(
                      "UPDATE schedules SET enabled = FALSE WHERE target_id IN"
                          + " (SELECT id FROM targets WHERE project_id = ?1)")
                  .setParameter(1, project)
                  .executeUpdate();
            });
    loop.start();
    worker.start();
  }

  @Test
  void aPoisonScheduleIsQuarantinedAndTheOther499FireOnTime() {
    project = Projects.create("quarantine");
    policies.setProjectDefault(project, Projects.cron("0 * * * * ?", 3, MissedRunPolicy.RUN_ONCE));
    Instant slot = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    long poisonTarget = seed(slot);

    int fired = 0;
    for (int i = 0; i < 10; i++) {
      fired += claimer.fireDue(slot.plusMillis(500)).size();
    }

    assertThat(fired).isGreaterThanOrEqualTo(TARGETS - 1); // other tests may have due schedules too
    List<Object[]> runs =
        read("SELECT target_id, run_trigger, slot_at FROM runs WHERE project_id = ?1", project);
    assertThat(runs).hasSize(TARGETS - 1);
    assertThat(runs).allSatisfy(r -> assertThat(r[1]).isEqualTo("SCHEDULED"));
    assertThat(runs.stream().map(r -> ((Number) r[0]).longValue()).distinct().count())
        .isEqualTo(TARGETS - 1);
    assertThat(runs.stream().map(r -> ((Number) r[0]).longValue())).doesNotContain(poisonTarget);

    Object[] poison =
        read(
                "SELECT state, quarantine_reason, quarantined_at, next_fire_at FROM schedules"
                    + " WHERE target_id = ?1",
                poisonTarget)
            .get(0);
    assertThat(poison[0]).isEqualTo("QUARANTINED");
    assertThat((String) poison[1]).contains("Mars/Olympus");
    assertThat(poison[2]).isNotNull();
    assertThat(
            read(
                "SELECT event_type FROM outbox_events WHERE subject = ?1"
                    + " AND event_type = 'schedule.quarantined'",
                "targets/" + poisonTarget))
        .hasSize(1);
    // Quarantined schedules are not locked again: the next round fires nothing.
    assertThat(claimer.fireDue(slot.plusMillis(700))).isEmpty();

    String ops =
        KeystoneTokens.issue(DemoSeed.OPS, DemoSeed.OPS_PASSWORD, DemoSeed.SERVICE_PROJECT_ID);
    JsonPath queue =
        given()
            .header("X-Auth-Token", ops)
            .get("/v1/admin/queue")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    // The queue names the instance by its Trove id (internal target ids stay internal).
    String poisonInstance =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    (String)
                        em.createNativeQuery("SELECT external_id FROM targets WHERE id = ?1")
                            .setParameter(1, poisonTarget)
                            .getSingleResult());
    assertThat(queue.getList("quarantinedSchedules.instanceId", String.class))
        .contains(poisonInstance);
    assertThat(
            queue.getString(
                "quarantinedSchedules.find { it.instanceId == '" + poisonInstance + "' }.reason"))
        .contains("Mars/Olympus");
  }

  /**
   * A claimed batch costs a few statements, not some per schedule (a pause check, a duplicate check
   * and an insert per run made the engine's flushes grow with the square of the batch): fewer
   * statements than schedules fired. The runs' multi-row insert is plain JDBC and not counted; the
   * runs are checked instead.
   */
  @Test
  void aClaimedBatchCostsFewerStatementsThanItFiresSchedules() {
    int targets = 100;
    project = Projects.create("batch");
    policies.setProjectDefault(project, Projects.cron("0 * * * * ?", 3, MissedRunPolicy.RUN_ONCE));
    Instant slot = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    seedDue(slot, targets);
    String key = "claim-" + project;

    for (int i = 0; i < 5 && runsOfProject().size() < targets; i++) {
      SqlStatements.counting(key, () -> claimer.fireDue(slot.plusMillis(500)));
    }

    List<Object[]> runs = runsOfProject();
    assertThat(runs).hasSize(targets);
    assertThat(runs).allSatisfy(r -> assertThat(r[1]).isEqualTo("SCHEDULED"));
    assertThat(runs.stream().map(r -> r[0]).distinct()).hasSize(targets);
    assertThat(SqlStatements.count(key)).isLessThan(targets);
  }

  /** A paused project's slots pass without runs; its schedules move on to their next slot. */
  @Test
  void aPausedProjectsSlotsPassWithoutRuns() {
    project = Projects.create("paused");
    policies.setProjectDefault(project, Projects.cron("0 * * * * ?", 3, MissedRunPolicy.RUN_ONCE));
    Instant slot = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    seedDue(slot, 3);
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "INSERT INTO projects (id, paused, created_at, updated_at)"
                            + " VALUES (?1, TRUE, NOW(6), NOW(6))"
                            + " ON DUPLICATE KEY UPDATE paused = TRUE")
                    .setParameter(1, project)
                    .executeUpdate());

    for (int i = 0; i < 5; i++) {
      claimer.fireDue(slot.plusMillis(500));
    }

    assertThat(runsOfProject()).isEmpty();
    assertThat(
            read(
                "SELECT s.next_fire_at FROM schedules s JOIN targets t ON t.id = s.target_id"
                    + " WHERE t.project_id = ?1",
                project))
        .hasSize(3)
        .allSatisfy(
            r ->
                assertThat(r[0])
                    .isEqualTo(LocalDateTime.ofInstant(slot.plusSeconds(60), ZoneOffset.UTC)));
  }

  private List<Object[]> runsOfProject() {
    return read("SELECT target_id, run_trigger, slot_at FROM runs WHERE project_id = ?1", project);
  }

  /** {@code count} targets of the project with schedules under its policy, due at {@code slot}. */
  private void seedDue(Instant slot, int count) {
    LocalDateTime at = LocalDateTime.ofInstant(slot, ZoneOffset.UTC);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (int i = 0; i < count; i++) {
                em.createNativeQuery(
                        "INSERT INTO targets (kind, project_id, external_id, name, status,"
                            + " discovered_by, created_at, updated_at) VALUES ('TROVE_INSTANCE',"
                            + " ?1, ?2, ?3, 'ACTIVE', 'API', NOW(6), NOW(6))")
                    .setParameter(1, project)
                    .setParameter(2, project + "-i" + i)
                    .setParameter(3, "db-" + i)
                    .executeUpdate();
              }
              Number policyId =
                  (Number)
                      em.createNativeQuery("SELECT id FROM policies WHERE scope_key = ?1")
                          .setParameter(1, "PROJECT:" + project)
                          .getSingleResult();
              em.createNativeQuery(
                      "INSERT INTO schedules (target_id, policy_id, next_fire_at, enabled,"
                          + " created_at, updated_at) SELECT id, ?1, ?2, TRUE, NOW(6), NOW(6)"
                          + " FROM targets WHERE project_id = ?3")
                  .setParameter(1, policyId.longValue())
                  .setParameter(2, at)
                  .setParameter(3, project)
                  .executeUpdate();
            });
  }

  /** 500 targets with schedules due at {@code slot}; the poison one is a minute older. */
  private long seed(Instant slot) {
    LocalDateTime at = LocalDateTime.ofInstant(slot, ZoneOffset.UTC);
    seedDue(slot, TARGETS);
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              long poison =
                  ((Number)
                          em.createNativeQuery("SELECT MIN(id) FROM targets WHERE project_id = ?1")
                              .setParameter(1, project)
                              .getSingleResult())
                      .longValue();
              em.createNativeQuery(
                      "INSERT INTO policies (scope, scope_key, project_id, target_id, name,"
                          + " schedule_kind, cron_expression, time_zone, missed_run_policy,"
                          + " created_at, updated_at) VALUES ('TARGET', ?1, ?2, ?3, 'poison',"
                          + " 'CRON', '0 * * * * ?', 'Mars/Olympus', 'RUN_ONCE', NOW(6),"
                          + " NOW(6))")
                  .setParameter(1, "TARGET:" + poison)
                  .setParameter(2, project)
                  .setParameter(3, poison)
                  .executeUpdate();
              Number poisonPolicy =
                  (Number)
                      em.createNativeQuery("SELECT id FROM policies WHERE scope_key = ?1")
                          .setParameter(1, "TARGET:" + poison)
                          .getSingleResult();
              em.createNativeQuery(
                      "UPDATE schedules SET policy_id = ?1, next_fire_at = ?2 WHERE target_id = ?3")
                  .setParameter(1, poisonPolicy.longValue())
                  .setParameter(2, at.minusMinutes(1))
                  .setParameter(3, poison)
                  .executeUpdate();
              return poison;
            });
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> read(String sql, Object parameter) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              List<?> rows = em.createNativeQuery(sql).setParameter(1, parameter).getResultList();
              return rows.stream()
                  .map(r -> r instanceof Object[] a ? a : new Object[] {r})
                  .toList();
            });
  }
}
