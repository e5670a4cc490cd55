package dev.trovekeeper.operator;

import java.time.Duration;
import java.time.Instant;

/**
 * How well one instance is protected, first match wins: no effective policy; paused (fleet, project
 * or its policy); failing (its last finished run FAILED); stale (no completed backup within the
 * effective RPO, or 26 hours without one); else protected.
 */
public enum CoverageProtection {
  NO_POLICY,
  PAUSED,
  FAILING,
  STALE,
  PROTECTED;

  /** Freshness required of an instance whose policy sets no RPO target. */
  public static final Duration DEFAULT_RPO = Duration.ofHours(26);

  /** Pure: the category of one instance at {@code now}. */
  public static CoverageProtection classify(
      boolean hasPolicy,
      boolean paused,
      boolean lastFinishedFailed,
      Instant lastSuccess,
      Integer rpoTargetMinutes,
      Instant now) {
    if (!hasPolicy) {
      return NO_POLICY;
    }
    if (paused) {
      return PAUSED;
    }
    if (lastFinishedFailed) {
      return FAILING;
    }
    Duration rpo = rpoTargetMinutes == null ? DEFAULT_RPO : Duration.ofMinutes(rpoTargetMinutes);
    if (lastSuccess == null || lastSuccess.isBefore(now.minus(rpo))) {
      return STALE;
    }
    return PROTECTED;
  }
}
