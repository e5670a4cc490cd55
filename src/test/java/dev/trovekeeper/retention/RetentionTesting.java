package dev.trovekeeper.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.demo.BackupInfo;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetRepository;
import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.PolicySpec;
import dev.trovekeeper.policy.ScheduleKind;
import dev.trovekeeper.run.RunRepository;
import dev.trovekeeper.run.RunState;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.Targets;
import dev.trovekeeper.testing.TestInfrastructure;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

/** Shared steps of the retention tests against the demo region. */
final class RetentionTesting {

  /** A cron that never fires again: stops a test's schedule. */
  static final String NEVER = "0 0 0 1 1 ? 2099";

  private static final ObjectMapper JSON = new ObjectMapper();

  private RetentionTesting() {}

  /**
   * A cron policy; {@code fullIntervalDays} null makes every backup full (stored as 0: a null would
   * inherit the global default's interval).
   */
  static PolicySpec policy(String cron, int keepLast, Integer fullIntervalDays) {
    return new PolicySpec(
        "retention-test",
        ScheduleKind.CRON,
        cron,
        "UTC",
        null,
        null,
        fullIntervalDays == null ? Integer.valueOf(0) : fullIntervalDays,
        null,
        keepLast,
        null,
        null,
        null,
        null,
        24,
        MissedRunPolicy.SKIP,
        null,
        null,
        null,
        false,
        null,
        null);
  }

  static Target awaitTarget(TargetRepository targets, String instanceId) {
    return Targets.awaitInstance(targets, instanceId);
  }

  /** Waits until a target has no run in progress (after its schedule was stopped). */
  static void awaitQuiet(RunRepository runs, long targetId) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Db.read(
                        () ->
                            runs.count(
                                "targetId = ?1 and state in ?2",
                                targetId,
                                List.of(RunState.PENDING, RunState.REQUESTED, RunState.RUNNING)))
                    == 0);
  }

  /**
   * Waits until the target's schedule no longer fires (its policy was changed to {@link #NEVER}: a
   * slot claimed just before may still make a run), then until no run is in progress and no
   * retention pass holds the target: what a test does next is not raced by a late run's pass.
   */
  static void awaitSettled(EntityManager em, RunRepository runs, long targetId) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Db.read(
                    () ->
                        ((Number)
                                    em.createNativeQuery(
                                            "SELECT COUNT(*) FROM schedules WHERE target_id = ?1"
                                                + " AND (next_fire_at IS NULL"
                                                + " OR next_fire_at > '2098-01-01')")
                                        .setParameter(1, targetId)
                                        .getSingleResult())
                                .intValue()
                            == 1));
    awaitQuiet(runs, targetId);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Db.read(
                    () ->
                        ((Number)
                                    em.createNativeQuery(
                                            "SELECT COUNT(*) FROM retention_claims WHERE target_id = ?1"
                                                + " AND claimed_by IS NOT NULL")
                                        .setParameter(1, targetId)
                                        .getSingleResult())
                                .intValue()
                            == 0));
  }

  static List<BackupInfo> inTrove(String project, String instanceId) {
    return TestInfrastructure.region().backups(project).stream()
        .filter(b -> b.instanceId().equals(instanceId))
        .toList();
  }

  /** backupId of every {@code backup.pruned} event of a target, in order. */
  static List<String> prunedBackupIds(EntityManager em, long targetId) {
    return Db.read(
        () ->
            em
                .createQuery(
                    "select e.payload from OutboxEvent e where e.subject = ?1"
                        + " and e.eventType = 'backup.pruned' order by e.id",
                    String.class)
                .setParameter(1, "targets/" + targetId)
                .getResultList()
                .stream()
                .map(RetentionTesting::backupIdOf)
                .toList());
  }

  /** Payloads of a target's events of one type. */
  static List<String> payloads(EntityManager em, long targetId, String type) {
    return Db.read(
        () ->
            em.createQuery(
                    "select e.payload from OutboxEvent e where e.subject = ?1"
                        + " and e.eventType = ?2 order by e.id",
                    String.class)
                .setParameter(1, "targets/" + targetId)
                .setParameter(2, type)
                .getResultList());
  }

  /** The {@code data} of a CloudEvent payload. */
  static JsonNode data(String payload) {
    try {
      return JSON.readTree(payload).path("data");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String backupIdOf(String payload) {
    return data(payload).path("backupId").asText();
  }
}
