package dev.trovekeeper.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.joblock.JobLock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * History past its retention period goes, recent history stays, runs still referenced stay, and
 * only the replica holding the job lock prunes.
 */
@QuarkusTest
class HistoryPrunerTest {

  @Inject HistoryPruner pruner;
  @Inject JobLock lock;
  @Inject EntityManager em;

  private final String tag = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void oldHistoryGoesRecentAndReferencedRowsStay() {
    long target = insertTarget("a");
    long other = insertTarget("b");
    long oldRun = insertRun(target, "SUCCEEDED", 100);
    long oldWithBackup = insertRun(target, "SUCCEEDED", 100);
    sql(
        "INSERT INTO artifacts (public_id, target_id, project_id, run_id, external_id, backup_type,"
            + " origin, status, created_at, updated_at) VALUES (UUID(), "
            + target
            + ", 'hk-"
            + tag
            + "', "
            + oldWithBackup
            + ", 'b-"
            + tag
            + "', 'FULL', 'SCHEDULED', 'DELETED', NOW(6), NOW(6))");
    long oldButLatest = insertRun(target, "FAILED", 100);
    long oldActive = insertRun(other, "PENDING", 100);
    long recent = insertRun(other, "SUCCEEDED", 1);
    insertRun(other, "SKIPPED", 1);
    sql(
        "INSERT INTO processed_notifications (message_id, event_type, outcome, received_at) VALUES"
            + " ('old-"
            + tag
            + "', 't', 'HANDLED', NOW(6) - INTERVAL 20 DAY), ('new-"
            + tag
            + "', 't', 'HANDLED', NOW(6) - INTERVAL 1 DAY)");
    sql(
        "INSERT INTO audit_log (occurred_at, actor, action, resource_type, resource_id) VALUES"
            + " (NOW(6) - INTERVAL 500 DAY, 'hk', 'old', 't', '"
            + tag
            + "'), (NOW(6) - INTERVAL 10 DAY, 'hk', 'new', 't', '"
            + tag
            + "')");
    sql(
        "INSERT INTO deletion_confirmations (nonce, project_id, requester, artifact_ids,"
            + " created_at, expires_at) VALUES ('"
            + UUID.randomUUID()
            + "', 'hk-"
            + tag
            + "', 'old', '1', NOW(6) - INTERVAL 41 DAY, NOW(6) - INTERVAL 40 DAY), ('"
            + UUID.randomUUID()
            + "', 'hk-"
            + tag
            + "', 'new', '1', NOW(6) - INTERVAL 2 DAY, NOW(6) - INTERVAL 1 DAY)");

    // Another replica holds the lock: this one does not prune.
    assertThat(lock.tryAcquire(HistoryPruner.LOCK, "other-replica", Duration.ofMinutes(5)))
        .isTrue();
    assertThat(pruner.prune()).isEmpty();
    assertThat(count("SELECT COUNT(*) FROM runs WHERE id = " + oldRun)).isOne();
    lock.release(HistoryPruner.LOCK, "other-replica");

    assertThat(pruner.prune()).isPresent();

    assertThat(count("SELECT COUNT(*) FROM runs WHERE id = " + oldRun)).isZero();
    for (long kept : new long[] {oldWithBackup, oldButLatest, oldActive, recent}) {
      assertThat(count("SELECT COUNT(*) FROM runs WHERE id = " + kept)).as("run " + kept).isOne();
    }
    assertThat(
            count(
                "SELECT COUNT(*) FROM processed_notifications WHERE message_id LIKE '%-"
                    + tag
                    + "'"))
        .isOne();
    assertThat(
            count(
                "SELECT COUNT(*) FROM processed_notifications WHERE message_id = 'new-"
                    + tag
                    + "'"))
        .isOne();
    assertThat(count("SELECT COUNT(*) FROM audit_log WHERE resource_id = '" + tag + "'")).isOne();
    assertThat(
            count(
                "SELECT COUNT(*) FROM audit_log WHERE resource_id = '"
                    + tag
                    + "' AND action = 'new'"))
        .isOne();
    assertThat(
            count(
                "SELECT COUNT(*) FROM deletion_confirmations WHERE project_id = 'hk-"
                    + tag
                    + "' AND requester = 'new'"))
        .isOne();
    assertThat(
            count(
                "SELECT COUNT(*) FROM deletion_confirmations WHERE project_id = 'hk-" + tag + "'"))
        .isOne();
  }

  private long insertTarget(String name) {
    sql(
        "INSERT INTO targets (kind, project_id, external_id, name, status, discovered_by,"
            + " created_at, updated_at) VALUES ('TROVE_INSTANCE', 'hk-"
            + tag
            + "', 'hk-"
            + tag
            + "-"
            + name
            + "', 'hk', 'DELETED', 'API', NOW(6), NOW(6))");
    return count("SELECT MAX(id) FROM targets WHERE project_id = 'hk-" + tag + "'");
  }

  /** A run finished (or, if PENDING, created) {@code daysAgo} days ago, not due for a day. */
  private long insertRun(long target, String state, int daysAgo) {
    String at = "NOW(6) - INTERVAL " + daysAgo + " DAY";
    sql(
        "INSERT INTO runs (public_id, target_id, project_id, operation, run_trigger, backup_type,"
            + " state, next_attempt_at, created_at, updated_at, finished_at) VALUES (UUID(), "
            + target
            + ", 'hk-"
            + tag
            + "', 'BACKUP', 'MANUAL', 'FULL', '"
            + state
            + "', NOW(6) + INTERVAL 1 DAY, "
            + at
            + ", "
            + at
            + ", "
            + ("PENDING".equals(state) ? "NULL" : at)
            + ")");
    return count("SELECT MAX(id) FROM runs WHERE target_id = " + target);
  }

  private void sql(String statement) {
    QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(statement).executeUpdate());
  }

  private long count(String query) {
    return QuarkusTransaction.requiringNew()
        .call(() -> ((Number) em.createNativeQuery(query).getSingleResult()).longValue());
  }
}
