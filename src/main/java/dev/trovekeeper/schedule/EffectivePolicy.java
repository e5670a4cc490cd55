package dev.trovekeeper.schedule;

import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.PolicyScope;
import dev.trovekeeper.policy.ScheduleKind;

/**
 * The policy that applies to an instance, in short.
 *
 * @param schedule e.g. {@code cron 0 0 2 * * ? (UTC)} or {@code daily 01:00 +120 min (UTC)}
 */
public record EffectivePolicy(long id, PolicyScope scope, String name, String schedule) {

  static EffectivePolicy of(Policy p) {
    String schedule =
        p.scheduleKind == ScheduleKind.CRON
            ? "cron " + p.cronExpression + " (" + p.timeZone + ")"
            : "daily " + p.windowStart + " +" + p.windowLengthMinutes + " min (" + p.timeZone + ")";
    return new EffectivePolicy(p.id, p.scope, p.name, schedule);
  }
}
