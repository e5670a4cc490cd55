package dev.trovekeeper.protection;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Everything the protection of one target depends on, as {@link ProtectionRepository} reads it in
 * one query. Pure: the decisions take {@code now}.
 *
 * @param kind TROVE_INSTANCE or DATASET
 * @param status the target's status (Trove's, or VANISHED / DELETED; a dataset's ACTIVE or
 *     SUSPENDED)
 * @param gone deleted or vanished
 * @param policyId the narrowest policy of the effective one; null: no policy applies
 * @param policyPaused the effective policy is paused
 * @param rpoTargetMinutes the effective RPO target; null: {@link Protection#DEFAULT_LIMIT} applies
 * @param lastSuccessAt when the newest COMPLETED backup was taken; null if there is none
 * @param lastFinishedState state of the newest finished run (SUCCEEDED, FAILED, SKIPPED)
 * @param lastFinishedReasonCode its reason code
 * @param lastRunState state of the newest run in any state; null if it never ran
 * @param nextFireAt the schedule's next slot, when the schedule is enabled
 * @param completedBackups how many COMPLETED backups it has (what a restore could use)
 */
public record ProtectionFacts(
    long targetId,
    String projectId,
    String externalId,
    String kind,
    String name,
    String status,
    Instant createdAt,
    Instant deletedAt,
    boolean gone,
    Long policyId,
    boolean policyPaused,
    boolean projectPaused,
    boolean fleetPaused,
    Integer rpoTargetMinutes,
    Instant lastSuccessAt,
    String lastFinishedState,
    String lastFinishedReasonCode,
    String lastRunState,
    String lastRunReasonCode,
    String lastRunReason,
    Instant nextFireAt,
    long completedBackups) {

  private static final Set<String> NO_BACKUP = Set.of("FAILED", "SKIPPED");

  /** The one decision of how well this target is protected at {@code now}. */
  public Protection protection(Instant now) {
    if (gone) {
      return Protection.DELETED;
    }
    if ("DATASET".equals(kind) && "SUSPENDED".equals(status)) {
      return Protection.SUSPENDED;
    }
    if (policyId == null) {
      return Protection.NO_POLICY;
    }
    if (fleetPaused || projectPaused || policyPaused) {
      return Protection.PAUSED;
    }
    if (lastFinishedState != null && NO_BACKUP.contains(lastFinishedState)) {
      return Protection.FAILING;
    }
    boolean withinLimit = age(now).compareTo(limit()) <= 0;
    if (lastSuccessAt == null) {
      return withinLimit ? Protection.PENDING_FIRST_BACKUP : Protection.STALE;
    }
    return withinLimit ? Protection.PROTECTED : Protection.STALE;
  }

  /** How old a recovery point may be: the effective RPO target, else 26 hours. */
  public Duration limit() {
    return rpoTargetMinutes == null
        ? Protection.DEFAULT_LIMIT
        : Duration.ofMinutes(rpoTargetMinutes);
  }

  /**
   * How old the data is that a restore would bring back: since the newest backup, or, with none,
   * since the target appeared.
   */
  public Duration age(Instant now) {
    return Duration.between(lastSuccessAt != null ? lastSuccessAt : createdAt, now);
  }

  /**
   * The next scheduled backup, or null when none is expected (paused, suspended, deleted, no
   * policy).
   */
  public Instant nextBackupAt(Instant now) {
    return protection(now).scheduled() ? nextFireAt : null;
  }
}
