package dev.trovekeeper.policy;

import java.time.LocalTime;

/**
 * The fields of a policy as a caller sets them; validated by {@link PolicyValidator} before any is
 * stored.
 */
public record PolicySpec(
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
    Integer failedGraceHours,
    MissedRunPolicy missedRunPolicy,
    Integer backfillMax,
    Integer backfillDeadlineHours,
    Integer rpoTargetMinutes,
    boolean paused) {

  /** Copies the spec onto a policy row. */
  void applyTo(Policy policy) {
    policy.name = name;
    policy.scheduleKind = scheduleKind;
    policy.cronExpression = scheduleKind == ScheduleKind.CRON ? cronExpression : null;
    policy.timeZone = timeZone == null ? "UTC" : timeZone;
    policy.windowStart = scheduleKind == ScheduleKind.WINDOW ? windowStart : null;
    policy.windowLengthMinutes = scheduleKind == ScheduleKind.WINDOW ? windowLengthMinutes : null;
    policy.fullIntervalDays =
        fullIntervalDays == null || fullIntervalDays == 0 ? null : fullIntervalDays;
    policy.keepLast = keepLast;
    policy.maxAgeDays = maxAgeDays;
    policy.keepDaily = keepDaily;
    policy.keepWeekly = keepWeekly;
    policy.keepMonthly = keepMonthly;
    policy.failedGraceHours = failedGraceHours == null ? 24 : failedGraceHours;
    policy.missedRunPolicy = missedRunPolicy == null ? MissedRunPolicy.RUN_ONCE : missedRunPolicy;
    policy.backfillMax = backfillMax;
    policy.backfillDeadlineHours = backfillDeadlineHours;
    policy.rpoTargetMinutes = rpoTargetMinutes;
    policy.paused = paused;
  }
}
