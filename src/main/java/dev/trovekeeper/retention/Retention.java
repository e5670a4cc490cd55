package dev.trovekeeper.retention;

import dev.trovekeeper.policy.RetentionRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides which backups of one target to delete. Pure: no state, no I/O; the caller passes the
 * current instant from its {@code Clock}.
 *
 * <ul>
 *   <li>Only COMPLETED backups are counted by the keep rules; one is kept when any set rule keeps
 *       it. The newest COMPLETED backup is always kept.
 *   <li>RUNNING backups are kept. FAILED ones are deleted once strictly older than the failed
 *       grace. DELETE_FAILED ones are requested again.
 *   <li>A kept COMPLETED or RUNNING backup keeps all its ancestors, whatever their state ({@link
 *       KeepReason#PARENT_OF_KEPT}), because Trove deletes a backup's incremental children with it.
 *       A FAILED incremental protects nothing.
 *   <li>The descendants of a deleted backup are deleted with it: they are listed with {@link
 *       Deletion#cascadedFrom()} naming the topmost deleted ancestor, the one to request.
 * </ul>
 *
 * See {@code docs/retention.md}.
 */
public final class Retention {

  private static final Comparator<BackupRecord> OLDEST_FIRST =
      Comparator.comparing(BackupRecord::createdAt).thenComparing(BackupRecord::id);

  private Retention() {}

  /**
   * Splits {@code backups} into kept and deleted, each list oldest first.
   *
   * @param backups every backup of one target, in any order
   * @param now the current instant
   * @throws IllegalArgumentException on a duplicate id or a cycle of parents
   */
  public static RetentionDecision decide(
      RetentionRule rule, List<BackupRecord> backups, Instant now) {
    return decide(rule, backups, now, false);
  }

  /**
   * {@link #decide} for a deleted target whose policy keeps only its final backup: until {@code
   * keepFinalUntil} the newest COMPLETED backup (with its chain) is the only one kept; from then on
   * none is. A null {@code keepFinalUntil} is {@link #decide} itself: the rules go on.
   */
  public static RetentionDecision decide(
      RetentionRule rule, List<BackupRecord> backups, Instant now, Instant keepFinalUntil) {
    if (keepFinalUntil == null) {
      return decide(rule, backups, now);
    }
    RetentionRule finalOnly =
        RetentionRule.builder()
            .keepLast(1)
            .failedGrace(rule.failedGrace())
            .zone(rule.zone())
            .build();
    return decide(finalOnly, backups, now, !now.isBefore(keepFinalUntil));
  }

  private static RetentionDecision decide(
      RetentionRule rule, List<BackupRecord> backups, Instant now, boolean keepNone) {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(now, "now");
    List<BackupRecord> oldestFirst = backups.stream().sorted(OLDEST_FIRST).toList();
    Chains chains = Chains.of(oldestFirst);
    Map<String, Set<KeepReason>> byRules =
        keepNone ? Map.of() : KeepRules.apply(rule, completedNewestFirst(oldestFirst), now);
    Instant failedCutoff = now.minus(rule.failedGrace());
    Verdicts verdicts = new Verdicts();
    for (BackupRecord backup : oldestFirst) {
      String id = backup.id();
      switch (backup.state()) {
        case RUNNING -> verdicts.keep(id, KeepReason.RUNNING);
        case COMPLETED -> {
          if (byRules.containsKey(id)) {
            byRules.get(id).forEach(reason -> verdicts.keep(id, reason));
          } else {
            verdicts.delete(id, DeleteReason.EXPIRED);
          }
        }
        case FAILED -> {
          if (backup.createdAt().isBefore(failedCutoff)) {
            verdicts.delete(id, DeleteReason.FAILED_AFTER_GRACE);
          } else {
            verdicts.keep(id, KeepReason.FAILED_IN_GRACE);
          }
        }
        case DELETE_FAILED -> verdicts.delete(id, DeleteReason.RETRY_DELETE_FAILED);
      }
    }
    for (BackupRecord backup : oldestFirst) {
      if (backup.state() != BackupState.FAILED && verdicts.isKept(backup.id())) {
        chains.ancestors(backup).forEach(a -> verdicts.keep(a, KeepReason.PARENT_OF_KEPT));
      }
    }
    return verdicts.toDecision(oldestFirst, chains);
  }

  private static List<BackupRecord> completedNewestFirst(List<BackupRecord> oldestFirst) {
    List<BackupRecord> completed = new ArrayList<>();
    for (BackupRecord backup : oldestFirst) {
      if (backup.state() == BackupState.COMPLETED) {
        completed.add(backup);
      }
    }
    Collections.reverse(completed);
    return completed;
  }
}
