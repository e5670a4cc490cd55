package dev.trovekeeper.retention;

import dev.trovekeeper.policy.RetentionRule;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Applies the keep rules of a {@link RetentionRule} to COMPLETED backups; the union wins. */
final class KeepRules {

  private KeepRules() {}

  /**
   * The reasons for each COMPLETED backup that some rule keeps; absent ids are expired. The newest
   * one is always kept.
   *
   * @param newestFirst only COMPLETED backups, newest first
   */
  static Map<String, Set<KeepReason>> apply(
      RetentionRule rule, List<BackupRecord> newestFirst, Instant now) {
    Map<String, Set<KeepReason>> kept = new HashMap<>();
    if (newestFirst.isEmpty()) {
      return kept;
    }
    add(kept, newestFirst.get(0), KeepReason.NEWEST_COMPLETED);
    if (rule.keepLast() != null) {
      newestFirst.stream().limit(rule.keepLast()).forEach(b -> add(kept, b, KeepReason.KEEP_LAST));
    }
    if (rule.maxAgeDays() != null) {
      Instant oldestKept = now.minus(Duration.ofDays(rule.maxAgeDays()));
      newestFirst.stream()
          .filter(b -> !b.createdAt().isBefore(oldestKept))
          .forEach(b -> add(kept, b, KeepReason.WITHIN_MAX_AGE));
    }
    for (CalendarBucket bucket : CalendarBucket.values()) {
      Integer count = bucket.count(rule);
      if (count != null) {
        bucket
            .newestPerBucket(newestFirst, count, rule.zone())
            .forEach(b -> add(kept, b, bucket.reason()));
      }
    }
    return kept;
  }

  static void add(Map<String, Set<KeepReason>> kept, BackupRecord backup, KeepReason reason) {
    kept.computeIfAbsent(backup.id(), id -> EnumSet.noneOf(KeepReason.class)).add(reason);
  }
}
