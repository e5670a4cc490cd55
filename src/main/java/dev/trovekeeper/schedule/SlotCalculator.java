package dev.trovekeeper.schedule;

import com.cronutils.model.Cron;
import dev.trovekeeper.policy.CronExpressions;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.ScheduleKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pure: the slots a policy fires for one target. A cron fires on its expression; a window fires
 * once a day at the window start plus a per-target jitter that is stable (the same target always
 * gets the same offset) and spreads a fleet evenly over the window.
 */
public final class SlotCalculator {

  private static final Map<String, Cron> CRONS = new ConcurrentHashMap<>();

  private SlotCalculator() {}

  /** The first slot strictly after {@code after}, or empty when the policy never fires again. */
  public static Optional<Instant> next(Policy policy, long targetId, Instant after) {
    ZoneId zone = ZoneId.of(policy.timeZone);
    if (policy.scheduleKind == ScheduleKind.CRON) {
      Cron cron = CRONS.computeIfAbsent(policy.cronExpression, CronExpressions::parse);
      return CronExpressions.next(cron, zone, after);
    }
    Duration jitter = jitter(targetId, Duration.ofMinutes(policy.windowLengthMinutes));
    LocalDate day = LocalDate.ofInstant(after, zone).minusDays(1);
    for (int i = 0; i < 3; i++, day = day.plusDays(1)) {
      Instant slot = day.atTime(policy.windowStart).atZone(zone).toInstant().plus(jitter);
      if (slot.isAfter(after)) {
        return Optional.of(slot);
      }
    }
    throw new IllegalStateException("no window slot within three days of " + after);
  }

  /** The stable offset of a target inside a window of the given length, whole seconds. */
  static Duration jitter(long targetId, Duration window) {
    long seconds = Math.max(1, window.toSeconds());
    long mixed = targetId * 0x9E3779B97F4A7C15L; // Fibonacci hashing spreads consecutive ids
    return Duration.ofSeconds(Math.floorMod(mixed ^ (mixed >>> 29), seconds));
  }
}
