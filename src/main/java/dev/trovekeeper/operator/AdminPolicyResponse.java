package dev.trovekeeper.operator;

import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.ScheduleKind;
import java.time.Instant;
import java.time.LocalTime;

/** The global default policy as stored. */
public record AdminPolicyResponse(
    long id,
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
    Instant updatedAt) {

  static AdminPolicyResponse of(Policy p) {
    return new AdminPolicyResponse(
        p.id,
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
        p.updatedAt);
  }
}
