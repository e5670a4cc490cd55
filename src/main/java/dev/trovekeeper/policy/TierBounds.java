package dev.trovekeeper.policy;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.api.Problem.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pure: the bounds of an operator tier and whether a tenant policy stays within them. A bound that
 * is null does not apply. The allowed window is wall-clock time in the policy's own time zone and
 * may wrap midnight (22:00-06:00).
 *
 * @param tier tier name, named in every message
 * @param minKeepLast keepLast must be at least this (and set, when other retention rules are)
 * @param minMaxAgeDays a maxAgeDays that is set must be at least this
 * @param maxRunsPerDay a cron may fire at most this often in 24 hours
 * @param windowEarliest start of the allowed window (with {@code windowLatest})
 * @param windowLatest end of the allowed window
 * @param minIntervalMinutes scheduled backups at least this many minutes apart (at least the
 *     fleet-wide minimum; a tier only tightens it)
 */
public record TierBounds(
    String tier,
    Integer minKeepLast,
    Integer minMaxAgeDays,
    Integer maxRunsPerDay,
    LocalTime windowEarliest,
    LocalTime windowLatest,
    Integer minIntervalMinutes) {

  /** Bounds without a minimum interval of their own. */
  public TierBounds(
      String tier,
      Integer minKeepLast,
      Integer minMaxAgeDays,
      Integer maxRunsPerDay,
      LocalTime windowEarliest,
      LocalTime windowLatest) {
    this(tier, minKeepLast, minMaxAgeDays, maxRunsPerDay, windowEarliest, windowLatest, null);
  }

  /** Every bound {@code spec} violates, each message naming the bound; empty when within. */
  public List<FieldError> violations(PolicySpec spec, Instant now) {
    List<FieldError> errors = new ArrayList<>();
    checkKeepLast(spec, errors);
    if (minMaxAgeDays != null && spec.maxAgeDays() != null && spec.maxAgeDays() < minMaxAgeDays) {
      errors.add(
          new FieldError(
              "maxAgeDays",
              "maxAgeDays %d is below the tier '%s' minimum of %d"
                  .formatted(spec.maxAgeDays(), tier, minMaxAgeDays)));
    }
    if (maxRunsPerDay != null && spec.scheduleKind() == ScheduleKind.CRON) {
      long perDay = QuotaCheck.runsPerDay(spec, now);
      if (perDay > maxRunsPerDay) {
        errors.add(
            new FieldError(
                "cronExpression",
                "runs per day %d exceed the tier '%s' maximum of %d"
                    .formatted(perDay, tier, maxRunsPerDay)));
      }
    }
    if (windowEarliest != null && windowLatest != null) {
      checkWindow(spec, now).ifPresent(errors::add);
    }
    if (minIntervalMinutes != null && spec.scheduleKind() == ScheduleKind.CRON) {
      checkInterval(spec, now).ifPresent(errors::add);
    }
    return errors;
  }

  /** Throws {@link OutsideTierBoundsException} (422) listing every violated bound. */
  public void enforce(PolicySpec spec, Instant now) {
    List<FieldError> errors = violations(spec, now);
    if (!errors.isEmpty()) {
      throw new OutsideTierBoundsException(errors);
    }
  }

  private void checkKeepLast(PolicySpec spec, List<FieldError> errors) {
    if (minKeepLast == null) {
      return;
    }
    boolean otherRules =
        spec.maxAgeDays() != null
            || spec.keepDaily() != null
            || spec.keepWeekly() != null
            || spec.keepMonthly() != null;
    if (spec.keepLast() == null && otherRules) {
      errors.add(
          new FieldError(
              "keepLast",
              "keepLast is not set; the tier '%s' requires at least %d"
                  .formatted(tier, minKeepLast)));
    } else if (spec.keepLast() != null && spec.keepLast() < minKeepLast) {
      errors.add(
          new FieldError(
              "keepLast",
              "keepLast %d is below the tier '%s' minimum of %d"
                  .formatted(spec.keepLast(), tier, minKeepLast)));
    }
  }

  private Optional<FieldError> checkWindow(PolicySpec spec, Instant now) {
    if (spec.scheduleKind() == ScheduleKind.WINDOW) {
      LocalTime start = spec.windowStart();
      if (!inside(start)) {
        return Optional.of(
            new FieldError(
                "windowStart",
                "window start %s is outside the tier '%s' allowed window %s"
                    .formatted(start, tier, allowed())));
      }
      long room =
          secondsForward(windowEarliest, windowLatest) - secondsForward(windowEarliest, start);
      if (spec.windowLengthMinutes() * 60L > room) {
        return Optional.of(
            new FieldError(
                "windowLengthMinutes",
                "window end %s is outside the tier '%s' allowed window %s"
                    .formatted(start.plusMinutes(spec.windowLengthMinutes()), tier, allowed())));
      }
      return Optional.empty();
    }
    ZoneId zone = ZoneId.of(spec.timeZone() == null ? "UTC" : spec.timeZone());
    var cron = CronExpressions.parse(spec.cronExpression());
    Instant end = now.plus(Duration.ofDays(1));
    Optional<Instant> next = CronExpressions.next(cron, zone, now);
    for (int i = 0; i < 10_000 && next.isPresent() && next.get().isBefore(end); i++) {
      LocalTime at = next.get().atZone(zone).toLocalTime();
      if (!inside(at)) {
        return Optional.of(
            new FieldError(
                "cronExpression",
                "the cron fires at %s (%s), outside the tier '%s' allowed window %s"
                    .formatted(at, zone, tier, allowed())));
      }
      next = CronExpressions.next(cron, zone, next.get());
    }
    return Optional.empty();
  }

  private Optional<FieldError> checkInterval(PolicySpec spec, Instant now) {
    ZoneId zone = ZoneId.of(spec.timeZone() == null ? "UTC" : spec.timeZone());
    Duration min = Duration.ofMinutes(minIntervalMinutes);
    return CronExpressions.shortestGap(
            CronExpressions.parse(spec.cronExpression()),
            zone,
            now,
            Duration.ofDays(366),
            2_000,
            min)
        .filter(gap -> gap.compareTo(min) < 0)
        .map(
            gap ->
                new FieldError(
                    "cronExpression",
                    "the cron fires %s apart; the tier '%s' requires at least %d minutes"
                        .formatted(PolicyValidator.human(gap), tier, minIntervalMinutes)));
  }

  private boolean inside(LocalTime time) {
    return secondsForward(windowEarliest, time) <= secondsForward(windowEarliest, windowLatest);
  }

  /** Seconds from {@code from} forward to {@code to}, across midnight if need be. */
  private static long secondsForward(LocalTime from, LocalTime to) {
    return Math.floorMod(Duration.between(from, to).toSeconds(), 24 * 3600);
  }

  private String allowed() {
    return windowEarliest + "-" + windowLatest;
  }

  /** A policy outside its project's tier; every violated bound is listed. */
  public static class OutsideTierBoundsException extends KeeperException {

    private final List<FieldError> errors;

    OutsideTierBoundsException(List<FieldError> errors) {
      super(
          ErrorCode.OUTSIDE_TIER_BOUNDS,
          String.join("; ", errors.stream().map(FieldError::message).toList()));
      this.errors = List.copyOf(errors);
    }

    @Override
    public List<FieldError> errors() {
      return errors;
    }
  }
}
