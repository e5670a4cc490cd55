package dev.trovekeeper.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The claim query reads due schedules through the index {@code ix_schedules_due (enabled,
 * next_fire_at)}: a range up to now in due order, stopped at the batch size, so its cost does not
 * grow with the schedules that are not due (the table). {@code ANALYZE} runs the query and reports
 * the rows it really read; 2,000 schedules due tomorrow are added first so a scan would show.
 */
@QuarkusTest
class ClaimQueryPlanTest {

  private static final int NOT_DUE = 2_000;

  @Inject EntityManager em;

  @org.junit.jupiter.api.Test
  void theClaimReadsDueSchedulesByIndexNotTheTable() {
    String project = "plan-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    String plan;
    QuarkusTransaction.begin();
    try {
      seedNotDue(project);
      plan =
          (String)
              em.createNativeQuery("ANALYZE FORMAT=JSON " + ScheduleRepository.CLAIM_SQL)
                  .setParameter(1, LocalDateTime.now(ZoneOffset.UTC))
                  .setParameter(2, 200)
                  .getSingleResult();
    } finally {
      QuarkusTransaction.rollback(); // the seed and the locks go away
    }
    System.out.println("CLAIM_QUERY_PLAN " + plan.replaceAll("\\s+", " "));

    assertThat(plan).contains("\"key\": \"ix_schedules_due\"");
    assertThat(plan).doesNotContain("\"access_type\": \"ALL\"");
    assertThat(rowsRead(plan)).as("rows the claim read").isLessThan(NOT_DUE);
  }

  /** {@code r_rows} of the plan's table: the rows the engine read, as measured by ANALYZE. */
  private static double rowsRead(String plan) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"r_rows\": ([0-9.]+)").matcher(plan);
    assertThat(m.find()).as("r_rows in " + plan).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private void seedNotDue(String project) {
    em.createNativeQuery(
            "INSERT INTO targets (kind, project_id, external_id, name, status, discovered_by,"
                + " created_at, updated_at) SELECT 'DATASET', ?1, CONCAT(?1, '-', seq),"
                + " CONCAT('plan-', seq), 'ACTIVE', 'API', NOW(6), NOW(6) FROM seq_1_to_"
                + NOT_DUE)
        .setParameter(1, project)
        .executeUpdate();
    em.createNativeQuery(
            "INSERT INTO schedules (target_id, next_fire_at, enabled, created_at, updated_at)"
                + " SELECT id, NOW(6) + INTERVAL 1 DAY, TRUE, NOW(6), NOW(6) FROM targets"
                + " WHERE project_id = ?1")
        .setParameter(1, project)
        .executeUpdate();
  }
}
