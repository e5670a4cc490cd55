package dev.trovekeeper.policy;

import dev.trovekeeper.api.Problem.FieldError;
import dev.trovekeeper.retention.InvalidRetentionRuleException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Checks a {@link PolicySpec} field by field; every problem is reported, not just the first. */
public final class PolicyValidator {

  private static final int MAX_COUNT = 10_000;

  private PolicyValidator() {}

  public static List<FieldError> validate(PolicySpec spec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec.name() == null || spec.name().isBlank() || spec.name().length() > 128) {
      errors.add(new FieldError("name", "must be 1 to 128 characters"));
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
    try {
      CronExpressions.parse(expression);
    } catch (IllegalArgumentException e) {
      errors.add(
          new FieldError(
              "cronExpression", "not a valid Quartz cron expression: " + e.getMessage()));
    }
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
