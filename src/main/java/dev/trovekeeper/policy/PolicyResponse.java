package dev.trovekeeper.policy;

import java.time.Instant;
import java.time.LocalTime;

/** A stored policy as the API shows it (also the before/after of its audit entries). */
public record PolicyResponse(
    long id,
    PolicyScope scope,
    String projectId,
    Long targetId,
    String name,
    ScheduleKind scheduleKind,
    String cronExpression,
    String timeZone,
    LocalTime windowStart,
    Integer windowLengthMinutes,
    Integer fullIntervalDays,
    Integer keepLast,
    Integer maxAgeDays,
    Integer keepDaily,
    Integer keepWeekly,
    Integer keepMonthly,
    int failedGraceHours,
    MissedRunPolicy missedRunPolicy,
    Integer backfillMax,
    Integer backfillDeadlineHours,
    Integer rpoTargetMinutes,
    boolean paused,
    Instant createdAt,
    Instant updatedAt) {

  /** The audit resource id: the policy's scope key. */
  String scopeKey() {
    return switch (scope) {
      case GLOBAL -> PolicyRepository.globalKey();
      case PROJECT -> PolicyRepository.projectKey(projectId);
      case TARGET -> PolicyRepository.targetKey(targetId);
    };
  }

  public static PolicyResponse of(Policy p) {
    return new PolicyResponse(
        p.id,
        p.scope,
        p.projectId,
        p.targetId,
        p.name,
        p.scheduleKind,
        p.cronExpression,
        p.timeZone,
        p.windowStart,
        p.windowLengthMinutes,
        p.fullIntervalDays,
        p.keepLast,
        p.maxAgeDays,
        p.keepDaily,
        p.keepWeekly,
        p.keepMonthly,
        p.failedGraceHours,
        p.missedRunPolicy,
        p.backfillMax,
        p.backfillDeadlineHours,
        p.rpoTargetMinutes,
        p.paused,
        p.createdAt,
        p.updatedAt);
  }
}
