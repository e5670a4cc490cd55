package dev.trovekeeper.policy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalTime;

/**
 * Body of {@code PUT .../policy}: a backup policy as a tenant sets it. The simple rules are Bean
 * Validation annotations; {@link PolicyValidator} checks the rest (cron, zone, retention, ranges).
 */
public record PolicyRequest(
    @NotBlank @Size(max = 128) String name,
    @NotNull ScheduleKind scheduleKind,
    @Size(max = 128) String cronExpression,
    @Size(max = 64) String timeZone,
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
    Boolean paused) {

  PolicySpec toSpec() {
    return new PolicySpec(
        name,
        scheduleKind,
        cronExpression,
        timeZone,
        windowStart,
        windowLengthMinutes,
        fullIntervalDays,
        keepLast,
        maxAgeDays,
        keepDaily,
        keepWeekly,
        keepMonthly,
        failedGraceHours,
        missedRunPolicy,
        backfillMax,
        backfillDeadlineHours,
        rpoTargetMinutes,
        Boolean.TRUE.equals(paused));
  }
}
