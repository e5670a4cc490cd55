package dev.trovekeeper.events;

import java.time.Duration;
import java.time.Instant;

/**
 * One live target's newest completed backup and its effective RPO target, as the metrics refresh
 * reads them in one aggregate query. Pure: the decisions take {@code now}.
 *
 * @param targetId target id
 * @param projectId owning project
 * @param externalId Trove instance id or dataset id (the {@code target} metric tag)
 * @param kind TROVE_INSTANCE or DATASET
 * @param targetCreatedAt when the service first knew the target
 * @param lastSuccessAt when the newest COMPLETED backup was taken; null if there is none
 * @param rpoTargetMinutes RPO of the effective policy (TARGET, else PROJECT, else GLOBAL); null if
 *     none is set
 * @param breachOpen an {@code rpo.breached} was already reported and not yet cleared
 */
public record RecoveryPoint(
    long targetId,
    String projectId,
    String externalId,
    String kind,
    Instant targetCreatedAt,
    Instant lastSuccessAt,
    Integer rpoTargetMinutes,
    boolean breachOpen) {

  /** Metric label of a target with a backup within its RPO (or with a backup and no RPO). */
  public static final String PROTECTED = "protected";

  /** Metric label of a target whose RPO is exceeded. */
  public static final String STALE = "stale";

  /** Metric label of a target with no completed backup, within its RPO grace. */
  public static final String NONE = "none";

  /**
   * How old the data is that a restore would bring back: since the newest backup, or, with none,
   * since the target appeared.
   */
  public Duration age(Instant now) {
    return Duration.between(lastSuccessAt != null ? lastSuccessAt : targetCreatedAt, now);
  }

  /** True when an RPO target is set and the recovery point is older than it. */
  public boolean breached(Instant now) {
    return rpoTargetMinutes != null && age(now).toMinutes() >= rpoTargetMinutes;
  }

  /** {@link #PROTECTED}, {@link #STALE} or {@link #NONE}. */
  public String status(Instant now) {
    if (breached(now)) {
      return STALE;
    }
    return lastSuccessAt == null ? NONE : PROTECTED;
  }
}
