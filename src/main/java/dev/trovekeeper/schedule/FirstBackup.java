package dev.trovekeeper.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * Pure: when a new target's first backup is due. Managed databases take one soon after create; a
 * policy's first slot may be up to a day away, and the target would read STALE meanwhile.
 */
final class FirstBackup {

  private FirstBackup() {}

  /**
   * {@code assignedAt + delay +} a stable per-target share of {@code jitter}, or {@code now} when
   * that has passed (the service was down, or the target was paused or without a policy).
   */
  static Instant at(
      Instant assignedAt, long targetId, Duration delay, Duration jitter, Instant now) {
    Duration spread = jitter.isZero() ? Duration.ZERO : SlotCalculator.jitter(targetId, jitter);
    Instant due = assignedAt.plus(delay).plus(spread);
    return due.isBefore(now) ? now : due;
  }
}
