package dev.trovekeeper.instance;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.PolicyScope;
import dev.trovekeeper.policy.PolicySpec;
import dev.trovekeeper.policy.ResolvedPolicy;
import dev.trovekeeper.policy.ScheduleKind;
import dev.trovekeeper.policy.ValueScope;
import java.util.Map;

/**
 * The policy that applies to an instance: each effective value (flat, named as in a policy request)
 * and, in {@code sources}, the scope each one came from (TARGET, PROJECT, GLOBAL or DEFAULT).
 *
 * @param scope the scope of the narrowest policy that applies
 * @param schedule e.g. {@code cron 0 0 2 * * ? (UTC)} or {@code daily 01:00 +120 min (UTC)}
 */
public record EffectivePolicy(
    PolicyScope scope,
    String schedule,
    @JsonUnwrapped PolicySpec values,
    Map<String, ValueScope> sources) {

  static EffectivePolicy of(ResolvedPolicy resolved) {
    Policy p = resolved.policy();
    String schedule =
        p.scheduleKind == ScheduleKind.CRON
            ? "cron " + p.cronExpression + " (" + p.timeZone + ")"
            : "daily " + p.windowStart + " +" + p.windowLengthMinutes + " min (" + p.timeZone + ")";
    return new EffectivePolicy(p.scope, schedule, resolved.values(), resolved.sources());
  }
}
