package dev.trovekeeper.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.policy.RetentionRule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Random histories (seeded, so failures reproduce) checked against the invariants. */
class RetentionInvariantsTest {

  private static final int CASES = 5_000;
  private static final List<ZoneId> ZONES =
      Stream.of("UTC", "Europe/Berlin", "America/Sao_Paulo", "Pacific/Chatham", "Asia/Kolkata")
          .map(ZoneId::of)
          .toList();

  @Test
  void randomHistoriesKeepEveryInvariant() {
    Random random = new Random(20250315L);
    for (int n = 0; n < CASES; n++) {
      RetentionRule rule = randomRule(random);
      List<BackupRecord> history = randomHistory(random);
      String context = "case " + n + " rule " + rule + " history " + history;

      RetentionDecision decision = Retention.decide(rule, history, History.NOW);

      checkInvariants(decision, history, context);
      List<BackupRecord> shuffled = new ArrayList<>(history);
      Collections.shuffle(shuffled, random);
      assertThat(Retention.decide(rule, shuffled, History.NOW)).as(context).isEqualTo(decision);
    }
  }

  private static void checkInvariants(
      RetentionDecision decision, List<BackupRecord> history, String context) {
    Map<String, BackupRecord> byId = new HashMap<>();
    history.forEach(b -> byId.put(b.id(), b));
    List<String> kept = History.keptIds(decision);
    List<String> deleted = History.deletedIds(decision);
    Set<String> deletedSet = new HashSet<>(deleted);

    // Partition: every backup exactly once.
    List<String> all = new ArrayList<>(kept);
    all.addAll(deleted);
    assertThat(all).as(context).doesNotHaveDuplicates().hasSameElementsAs(byId.keySet());

    // The newest COMPLETED backup is kept.
    history.stream()
        .filter(b -> b.state() == BackupState.COMPLETED)
        .max(Comparator.comparing(BackupRecord::createdAt).thenComparing(BackupRecord::id))
        .ifPresent(
            newest ->
                assertThat(History.reasons(decision, newest.id()))
                    .as(context)
                    .contains(KeepReason.NEWEST_COMPLETED));

    for (BackupRecord backup : history) {
      List<String> ancestors = ancestors(backup, byId);
      if (kept.contains(backup.id())) {
        // No kept backup loses an ancestor (Trove would delete it by cascade).
        assertThat(ancestors.stream().filter(deletedSet::contains).toList())
            .as(context + " deleted ancestors of kept " + backup.id())
            .isEmpty();
        Set<KeepReason> reasons = History.reasons(decision, backup.id());
        if (backup.state() != BackupState.COMPLETED) {
          assertThat(reasons)
              .as(context)
              .isSubsetOf(
                  KeepReason.RUNNING, KeepReason.FAILED_IN_GRACE, KeepReason.PARENT_OF_KEPT);
        }
      } else {
        // RUNNING is never deleted; a deletion is requested exactly when no ancestor is deleted.
        assertThat(backup.state()).as(context).isNotEqualTo(BackupState.RUNNING);
        Deletion deletion = History.deletion(decision, backup.id());
        List<String> deletedAncestors = ancestors.stream().filter(deletedSet::contains).toList();
        if (deletedAncestors.isEmpty()) {
          assertThat(deletion.cascadedFrom()).as(context).isNull();
        } else {
          assertThat(deletion.cascadedFrom())
              .as(context)
              .isEqualTo(deletedAncestors.get(deletedAncestors.size() - 1));
        }
      }
      if (backup.state() == BackupState.DELETE_FAILED && kept.contains(backup.id())) {
        assertThat(History.reasons(decision, backup.id()))
            .as(context)
            .containsExactly(KeepReason.PARENT_OF_KEPT);
      }
    }

    // Deletes are listed oldest first.
    assertThat(decision.delete().stream().map(d -> byId.get(d.id()).createdAt()).toList())
        .as(context)
        .isSorted();
  }

  private static List<String> ancestors(BackupRecord backup, Map<String, BackupRecord> byId) {
    List<String> ancestors = new ArrayList<>();
    BackupRecord parent = backup.parentId() == null ? null : byId.get(backup.parentId());
    while (parent != null) {
      ancestors.add(parent.id());
      parent = parent.parentId() == null ? null : byId.get(parent.parentId());
    }
    return ancestors;
  }

  private static RetentionRule randomRule(Random random) {
    RetentionRule.Builder builder =
        RetentionRule.builder()
            .failedGrace(Duration.ofHours(random.nextInt(72)))
            .zone(ZONES.get(random.nextInt(ZONES.size())));
    boolean any = false;
    if (random.nextBoolean()) {
      builder.keepLast(1 + random.nextInt(8));
      any = true;
    }
    if (random.nextBoolean()) {
      builder.maxAgeDays(1 + random.nextInt(60));
      any = true;
    }
    if (random.nextInt(3) == 0) {
      builder.keepDaily(1 + random.nextInt(10));
      any = true;
    }
    if (random.nextInt(3) == 0) {
      builder.keepWeekly(1 + random.nextInt(6));
      any = true;
    }
    if (random.nextInt(3) == 0 || !any) {
      builder.keepMonthly(1 + random.nextInt(12));
    }
    return builder.build();
  }

  /** Up to 30 backups over 400 days; incrementals point at older backups or at deleted ones. */
  private static List<BackupRecord> randomHistory(Random random) {
    int size = random.nextInt(31);
    List<BackupRecord> history = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      Instant createdAt =
          random.nextInt(10) == 0 && !history.isEmpty()
              ? history.get(history.size() - 1).createdAt()
              : History.NOW.minusSeconds(random.nextLong(400L * 24 * 3600));
      String parentId = null;
      int kind = random.nextInt(10);
      List<BackupRecord> older =
          history.stream().filter(b -> !b.createdAt().isAfter(createdAt)).toList();
      if (kind < 5 && !older.isEmpty()) {
        parentId = older.get(random.nextInt(older.size())).id();
      } else if (kind == 5) {
        parentId = "gone-" + i;
      }
      history.add(new BackupRecord("b" + i, parentId, createdAt, randomState(random)));
    }
    return history;
  }

  private static BackupState randomState(Random random) {
    int roll = random.nextInt(20);
    if (roll < 13) {
      return BackupState.COMPLETED;
    }
    if (roll < 15) {
      return BackupState.RUNNING;
    }
    return roll < 18 ? BackupState.FAILED : BackupState.DELETE_FAILED;
  }
}
