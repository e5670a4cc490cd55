package dev.trovekeeper.policy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalTime;

/**
 * The fields of a policy, written once: the body of every {@code PUT .../policy} (tenant and
 * operator), the fields of {@link PolicyResponse} and the values of an effective policy. A field
 * left null inherits from the next wider scope (TARGET &gt; PROJECT &gt; GLOBAL &gt; built-in
 * default); name, schedule and retention rules are stated by every policy. The simple rules are
 * Bean Validation annotations; {@link PolicyValidator} checks the rest. The read-only fields of a
 * response are ignored in a request, so a policy read can be written back as it is.
 *
 * @param fullIntervalDays a full backup when the last full is older than this; 0: every backup full
 * @param maxChainLength at most this many backups in one incremental chain (the full and its
 *     incrementals): the backup that would make the chain longer is a new full. Retention never
 *     breaks a chain, so this bounds what is kept: at worst keepLast + maxChainLength - 1 (set it
 *     to keepLast or less when fulls are rare). Null inherits; null everywhere: no cap
 * @param paused true: this scope's slots pass without runs; null inherits (default false)
 * @param afterDelete what happens to the backups once the instance is deleted (default AGE_OUT)
 * @param restoreDrillIntervalHours a restore drill of the newest backup this often (a throwaway
 *     instance, deleted once ACTIVE; the restore time is measured); 0: none; null inherits (default
 *     none)
 * @param finalBackupDays with KEEP_FINAL: how long the newest backup stays after the deletion
 */
@JsonIgnoreProperties({
  "id",
  "scope",
  "projectId",
  "targetId",
  "instanceId",
  "datasetId",
  "createdAt",
  "updatedAt"
})
public record PolicySpec(
    @NotBlank @Size(max = 128) String name,
    @NotNull ScheduleKind scheduleKind,
    @Size(max = 128) String cronExpression,
    @Size(max = 64) String timeZone,
    LocalTime windowStart,
    Integer windowLengthMinutes,
    Integer fullIntervalDays,
    Integer maxChainLength,
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
    Boolean paused,
    AfterDelete afterDelete,
    Integer finalBackupDays,
    Integer restoreDrillIntervalHours) {

  /** A spec without a restore drill setting (inherited). */
  public PolicySpec(
      String name,
      ScheduleKind scheduleKind,
      String cronExpression,
      String timeZone,
      LocalTime windowStart,
      Integer windowLengthMinutes,
      Integer fullIntervalDays,
      Integer maxChainLength,
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
      Boolean paused,
      AfterDelete afterDelete,
      Integer finalBackupDays) {
    this(
        name,
        scheduleKind,
        cronExpression,
        timeZone,
        windowStart,
        windowLengthMinutes,
        fullIntervalDays,
        maxChainLength,
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
        paused,
        afterDelete,
        finalBackupDays,
        null);
  }

  /** The fields of a stored (or merged) policy. */
  public static PolicySpec of(Policy p) {
    return new PolicySpec(
        p.name,
        p.scheduleKind,
        p.cronExpression,
        p.timeZone,
        p.windowStart,
        p.windowLengthMinutes,
        p.fullIntervalDays,
        p.maxChainLength,
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
        p.afterDelete,
        p.finalBackupDays,
        p.restoreDrillIntervalHours);
  }

  /** Copies the spec onto a policy row; what the spec leaves null stays null (inherited). */
  void applyTo(Policy policy) {
    policy.name = name;
    policy.scheduleKind = scheduleKind;
    policy.cronExpression = scheduleKind == ScheduleKind.CRON ? cronExpression : null;
    policy.timeZone = timeZone;
    policy.windowStart = scheduleKind == ScheduleKind.WINDOW ? windowStart : null;
    policy.windowLengthMinutes = scheduleKind == ScheduleKind.WINDOW ? windowLengthMinutes : null;
    policy.fullIntervalDays = fullIntervalDays;
    policy.maxChainLength = maxChainLength;
    policy.keepLast = keepLast;
    policy.maxAgeDays = maxAgeDays;
    policy.keepDaily = keepDaily;
    policy.keepWeekly = keepWeekly;
    policy.keepMonthly = keepMonthly;
    policy.failedGraceHours = failedGraceHours;
    policy.missedRunPolicy = missedRunPolicy;
    policy.backfillMax = missedRunPolicy == null ? null : backfillMax;
    policy.backfillDeadlineHours = missedRunPolicy == null ? null : backfillDeadlineHours;
    policy.rpoTargetMinutes = rpoTargetMinutes;
    policy.paused = paused;
    policy.afterDelete = afterDelete;
    policy.finalBackupDays = afterDelete == null ? null : finalBackupDays;
    policy.restoreDrillIntervalHours = restoreDrillIntervalHours;
  }
}
