package dev.trovekeeper.policy;

import dev.trovekeeper.api.Problem.FieldError;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Checks a {@link PolicySpec} field by field; every problem is reported, not just the first. */
public final class PolicyValidator {

  private static final int MAX_COUNT = 10_000;

  /** How far ahead, and over how many fire times, a cron's spacing is looked at. */
  private static final Duration GAP_HORIZON = Duration.ofDays(366);

  private static final int GAP_FIRES = 2_000;

  private PolicyValidator() {}

  /**
   * Every problem of {@code spec}, including what its schedule does from {@code now} on: a cron
   * that never fires again, or one that fires more often than every {@code minInterval} (the
   * fleet-wide minimum between scheduled backups).
   */
  public static List<FieldError> validate(PolicySpec spec, Instant now, Duration minInterval) {
    List<FieldError> errors = validate(spec);
    boolean cronChecked = errors.stream().noneMatch(e -> e.field().equals("cronExpression"));
    boolean zoneChecked = errors.stream().noneMatch(e -> e.field().equals("timeZone"));
    if (spec.scheduleKind() == ScheduleKind.CRON && cronChecked && zoneChecked) {
      checkCronTimes(spec, now, minInterval, errors);
    }
    return errors;
  }

  /** The checks of the fields themselves, without looking at fire times. */
  public static List<FieldError> validate(PolicySpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec.name() == null || spec.name().isBlank() || spec.name().length() > 128) {
      errors.add(new FieldError("name", "must be 1 to 128 characters"));
    } else if (hasControlCharacter(spec.name())) {
      errors.add(new FieldError("name", "must not contain control characters"));
    }
    if (spec.scheduleKind() == null) {
      errors.add(new FieldError("scheduleKind", "must be CRON or WINDOW"));
    } else if (spec.scheduleKind() == ScheduleKind.CRON) {
      checkCron(spec.cronExpression(), errors);
    } else {
      checkWindow(spec, errors);
    }
    checkZone(spec.timeZone(), errors);
    checkRange("fullIntervalDays", spec.fullIntervalDays(), 0, 366, errors);
    checkRange("maxChainLength", spec.maxChainLength(), 1, MAX_COUNT, errors);
    checkRange("restoreDrillIntervalHours", spec.restoreDrillIntervalHours(), 0, 24 * 366, errors);
    checkRange("failedGraceHours", spec.failedGraceHours(), 0, 24 * 365, errors);
    checkRetention(spec, errors);
    checkRange("rpoTargetMinutes", spec.rpoTargetMinutes(), 1, 60 * 24 * 366, errors);
    checkAfterDelete(spec, errors);
    if (spec.missedRunPolicy() == MissedRunPolicy.BACKFILL) {
      if (spec.backfillMax() == null) {
        errors.add(new FieldError("backfillMax", "required for BACKFILL"));
      }
      if (spec.backfillDeadlineHours() == null) {
        errors.add(new FieldError("backfillDeadlineHours", "required for BACKFILL"));
      }
      checkRange("backfillMax", spec.backfillMax(), 1, 100, errors);
      checkRange("backfillDeadlineHours", spec.backfillDeadlineHours(), 1, 24 * 31, errors);
    }
    return errors;
  }

  private static void checkCron(String expression, List<FieldError> errors) {
    if (expression == null || expression.isBlank() || expression.length() > 128) {
      errors.add(new FieldError("cronExpression", "required for CRON, at most 128 characters"));
      return;
    }
    if (hasControlCharacter(expression)) {
      errors.add(new FieldError("cronExpression", "must not contain control characters"));
      return;
    }
    try {
      CronExpressions.parse(expression);
    } catch (IllegalArgumentException e) {
      errors.add(
          new FieldError(
              "cronExpression", "not a valid Quartz cron expression: " + e.getMessage()));
    }
  }

  private static void checkCronTimes(
      PolicySpec spec, Instant now, Duration minInterval, List<FieldError> errors) {
    var cron = CronExpressions.parse(spec.cronExpression());
    ZoneId zone = ZoneId.of(spec.timeZone() == null ? "UTC" : spec.timeZone());
    if (CronExpressions.next(cron, zone, now).isEmpty()) {
      errors.add(
          new FieldError(
              "cronExpression",
              "never fires: no date from now on matches it (e.g. 31 February, or a past year)"));
      return;
    }
    CronExpressions.shortestGap(cron, zone, now, GAP_HORIZON, GAP_FIRES, minInterval)
        .filter(gap -> gap.compareTo(minInterval) < 0)
        .ifPresent(
            gap ->
                errors.add(
                    new FieldError(
                        "cronExpression",
                        "fires %s apart; scheduled backups must be at least %s apart"
                            .formatted(human(gap), human(minInterval)))));
  }

  /** A duration as people write it: 1h, 30m, 2s, 1h30m. */
  static String human(Duration duration) {
    return duration.toString().substring(2).toLowerCase();
  }

  private static boolean hasControlCharacter(String text) {
    return text.chars().anyMatch(Character::isISOControl);
  }

  private static void checkWindow(PolicySpec spec, List<FieldError> errors) {
    if (spec.windowStart() == null) {
      errors.add(new FieldError("windowStart", "required for WINDOW"));
    }
    if (spec.windowLengthMinutes() == null) {
      errors.add(new FieldError("windowLengthMinutes", "required for WINDOW"));
    }
    checkRange("windowLengthMinutes", spec.windowLengthMinutes(), 1, 24 * 60, errors);
  }

  private static void checkZone(String zone, List<FieldError> errors) {
    if (zone == null) {
      return;
    }
    try {
      ZoneId.of(zone);
    } catch (DateTimeException e) {
      errors.add(new FieldError("timeZone", "unknown time zone '" + abbreviate(zone) + "'"));
    }
  }

  private static void checkRetention(PolicySpec spec, List<FieldError> errors) {
    checkRange("keepLast", spec.keepLast(), 1, MAX_COUNT, errors);
    checkRange("maxAgeDays", spec.maxAgeDays(), 1, 3660, errors);
    checkRange("keepDaily", spec.keepDaily(), 1, MAX_COUNT, errors);
    checkRange("keepWeekly", spec.keepWeekly(), 1, MAX_COUNT, errors);
    checkRange("keepMonthly", spec.keepMonthly(), 1, MAX_COUNT, errors);
    try {
      RetentionRules.of(spec);
    } catch (InvalidRetentionRuleException e) {
      // the rule names its grace failedGrace; the policy field is failedGraceHours
      String field = e.field().equals("failedGrace") ? "failedGraceHours" : e.field();
      if (errors.stream().noneMatch(error -> error.field().equals(field))) {
        errors.add(new FieldError(field, e.getMessage()));
      }
    } catch (IllegalArgumentException e) {
      // reported above by the range checks
    }
  }

  private static void checkAfterDelete(PolicySpec spec, List<FieldError> errors) {
    if (spec.afterDelete() == AfterDelete.KEEP_FINAL && spec.finalBackupDays() == null) {
      errors.add(new FieldError("finalBackupDays", "required for KEEP_FINAL"));
    } else if (spec.afterDelete() != AfterDelete.KEEP_FINAL && spec.finalBackupDays() != null) {
      errors.add(new FieldError("finalBackupDays", "only allowed with afterDelete KEEP_FINAL"));
    }
    checkRange("finalBackupDays", spec.finalBackupDays(), 1, 3660, errors);
  }

  private static void checkRange(
      String field, Integer value, int min, int max, List<FieldError> errors) {
    if (value != null && (value < min || value > max)) {
      errors.add(new FieldError(field, "must be between " + min + " and " + max));
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "..." : text;
  }
}
