package dev.trovekeeper.policy;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Map;

/**
 * The policy that applies to a target (instance or dataset): each effective value (flat, named as
 * in a policy request) and, in {@code sources}, the scope each one came from (TARGET, PROJECT,
 * GLOBAL or DEFAULT).
 *
 * @param scope the scope of the narrowest policy that applies
 * @param schedule e.g. {@code cron 0 0 2 * * ? (UTC)} or {@code daily 01:00 +120 min (UTC)}
 */
public record EffectivePolicy(
    PolicyScope scope,
    String schedule,
    @JsonUnwrapped PolicySpec values,
    Map<String, ValueScope> sources) {

  /** The summary of a resolved policy. */
  public static EffectivePolicy of(ResolvedPolicy resolved) {
    Policy p = resolved.policy();
    String schedule =
        p.scheduleKind == ScheduleKind.CRON
            ? "cron " + p.cronExpression + " (" + p.timeZone + ")"
            : "daily " + p.windowStart + " +" + p.windowLengthMinutes + " min (" + p.timeZone + ")";
    return new EffectivePolicy(p.scope, schedule, resolved.values(), resolved.sources());
  }
}
