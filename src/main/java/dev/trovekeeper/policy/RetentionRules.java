package dev.trovekeeper.policy;

import java.time.Duration;
import java.time.ZoneId;

/** The retention rule a policy states. */
public final class RetentionRules {

  private RetentionRules() {}

  public static RetentionRule of(Policy policy) {
    return new RetentionRule(
        policy.keepLast,
        policy.maxAgeDays,
        policy.keepDaily,
        policy.keepWeekly,
        policy.keepMonthly,
        Duration.ofHours(policy.failedGraceHours),
        ZoneId.of(policy.timeZone));
  }

  /** The retention rule of a policy as a form or request states it (null counts unset). */
  public static RetentionRule of(PolicySpec spec) {
    return new RetentionRule(
        spec.keepLast(),
        spec.maxAgeDays(),
        spec.keepDaily(),
        spec.keepWeekly(),
        spec.keepMonthly(),
        Duration.ofHours(spec.failedGraceHours() == null ? 24 : spec.failedGraceHours()),
        spec.timeZone() == null ? ZoneId.of("UTC") : safeZone(spec.timeZone()));
  }

  private static ZoneId safeZone(String zone) {
    try {
      return ZoneId.of(zone);
    } catch (RuntimeException e) {
      return ZoneId.of("UTC");
    }
  }
}
