package dev.trovekeeper.schedule;

import dev.trovekeeper.policy.Policy;
import java.time.Duration;
import java.time.Instant;

/** How well an instance is protected now, as the tenant API shows it. */
public enum Protection {
  /** The newest completed backup is within the policy's RPO (26 h when the policy sets none). */
  PROTECTED,
  /** No completed backup within the RPO. */
  STALE,
  /** The effective policy is paused. */
  PAUSED,
  /** No policy applies. */
  NO_POLICY;

  /** Without an RPO target a daily backup, with two hours of slack, counts as current. */
  static final Duration DEFAULT_RPO = Duration.ofHours(26);

  /**
   * Pure decision.
   *
   * @param policy the effective policy, or null
   * @param lastSuccess when the newest completed backup was taken, or null
   */
  public static Protection of(Policy policy, Instant lastSuccess, Instant now) {
    if (policy == null) {
      return NO_POLICY;
    }
    if (policy.paused) {
      return PAUSED;
    }
    Duration rpo =
        policy.rpoTargetMinutes == null ? DEFAULT_RPO : Duration.ofMinutes(policy.rpoTargetMinutes);
    return lastSuccess != null && Duration.between(lastSuccess, now).compareTo(rpo) <= 0
        ? PROTECTED
        : STALE;
  }
}
