package dev.trovekeeper.console;

import dev.trovekeeper.api.Problem.FieldError;
import dev.trovekeeper.policy.PolicySpec;
import dev.trovekeeper.policy.ScheduleKind;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

/**
 * The project policy form: its text fields as typed (shown back on an error) and the policy they
 * make. Fields left empty inherit from the wider scope; what cannot even be parsed is a field error
 * before the service is asked.
 */
final class PolicyForm extends ConsoleForm {

  /** The form's fields, in page order. */
  static final List<String> FIELDS =
      List.of(
          "name",
          "scheduleKind",
          "cronExpression",
          "timeZone",
          "windowStart",
          "windowLengthMinutes",
          "fullIntervalDays",
          "keepLast",
          "maxAgeDays",
          "keepDaily",
          "keepWeekly",
          "keepMonthly",
          "rpoTargetMinutes");

  private PolicyForm() {}

  /** The form filled from what was posted. */
  static PolicyForm posted(Map<String, String> posted) {
    PolicyForm form = new PolicyForm();
    form.fill(FIELDS, posted);
    return form;
  }

  /** The form showing a stored policy (or empty). */
  static PolicyForm of(PolicySpec p) {
    PolicyForm form = new PolicyForm();
    FIELDS.forEach(f -> form.values.put(f, ""));
    if (p != null) {
      form.values.put("name", text(p.name()));
      form.values.put("scheduleKind", text(p.scheduleKind()));
      form.values.put("cronExpression", text(p.cronExpression()));
      form.values.put("timeZone", text(p.timeZone()));
      form.values.put("windowStart", text(p.windowStart()));
      form.values.put("windowLengthMinutes", text(p.windowLengthMinutes()));
      form.values.put("fullIntervalDays", text(p.fullIntervalDays()));
      form.values.put("keepLast", text(p.keepLast()));
      form.values.put("maxAgeDays", text(p.maxAgeDays()));
      form.values.put("keepDaily", text(p.keepDaily()));
      form.values.put("keepWeekly", text(p.keepWeekly()));
      form.values.put("keepMonthly", text(p.keepMonthly()));
      form.values.put("rpoTargetMinutes", text(p.rpoTargetMinutes()));
    }
    return form;
  }

  /** The policy, or null with {@link #errors} filled when a field cannot be read. */
  PolicySpec spec() {
    ScheduleKind kind = null;
    String k = values.get("scheduleKind");
    if (!k.isEmpty()) {
      try {
        kind = ScheduleKind.valueOf(k);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("scheduleKind", "must be CRON or WINDOW"));
      }
    }
    LocalTime start = time("windowStart", "01:30");
    PolicySpec spec =
        new PolicySpec(
            values.get("name"),
            kind,
            blankToNull("cronExpression"),
            blankToNull("timeZone"),
            start,
            integer("windowLengthMinutes"),
            integer("fullIntervalDays"),
            null,
            integer("keepLast"),
            integer("maxAgeDays"),
            integer("keepDaily"),
            integer("keepWeekly"),
            integer("keepMonthly"),
            null,
            null,
            null,
            null,
            integer("rpoTargetMinutes"),
            null,
            null,
            null);
    return errors.isEmpty() ? spec : null;
  }
}
