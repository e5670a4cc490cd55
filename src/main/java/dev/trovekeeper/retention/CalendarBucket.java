package dev.trovekeeper.retention;

import dev.trovekeeper.policy.RetentionRule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The calendar buckets of the GFS rules. A bucket is named by its first local day: the day itself,
 * the Monday of its ISO week, or the first of its month, in the rule's zone.
 */
enum CalendarBucket {
  DAILY(KeepReason.DAILY, RetentionRule::keepDaily, day -> day),
  WEEKLY(KeepReason.WEEKLY, RetentionRule::keepWeekly, day -> day.with(DayOfWeek.MONDAY)),
  MONTHLY(KeepReason.MONTHLY, RetentionRule::keepMonthly, day -> day.withDayOfMonth(1));

  private final KeepReason reason;
  private final Function<RetentionRule, Integer> count;
  private final UnaryOperator<LocalDate> firstDay;

  CalendarBucket(
      KeepReason reason,
      Function<RetentionRule, Integer> count,
      UnaryOperator<LocalDate> firstDay) {
    this.reason = reason;
    this.count = count;
    this.firstDay = firstDay;
  }

  KeepReason reason() {
    return reason;
  }

  /** How many buckets the rule keeps, or null when this rule is not set. */
  Integer count(RetentionRule rule) {
    return count.apply(rule);
  }

  /** The bucket {@code instant} falls in, in {@code zone}. */
  LocalDate of(Instant instant, ZoneId zone) {
    return firstDay.apply(LocalDate.ofInstant(instant, zone));
  }

  /**
   * The newest backup of each of the {@code buckets} most recent buckets that hold one; empty
   * buckets are skipped, not counted (restic's {@code --keep-daily} and friends).
   *
   * @param newestFirst candidates, newest first
   */
  List<BackupRecord> newestPerBucket(List<BackupRecord> newestFirst, int buckets, ZoneId zone) {
    List<BackupRecord> picked = new ArrayList<>();
    // A set rather than "differs from the previous": a zone shifting at midnight can move the
    // local date backwards for an hour, and a bucket must still be counted once.
    Set<LocalDate> seen = new HashSet<>();
    for (BackupRecord backup : newestFirst) {
      if (seen.size() == buckets) {
        break;
      }
      if (seen.add(of(backup.createdAt(), zone))) {
        picked.add(backup);
      }
    }
    return picked;
  }
}
