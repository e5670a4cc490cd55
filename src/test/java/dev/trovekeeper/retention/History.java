package dev.trovekeeper.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.policy.RetentionRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Short ways to write backup histories and read decisions in tests. */
final class History {

  static final Instant NOW = Instant.parse("2025-03-15T12:00:00Z");

  private History() {}

  static Instant daysAgo(double days) {
    return NOW.minus(Duration.ofMinutes(Math.round(days * 24 * 60)));
  }

  static Instant at(String instant) {
    return Instant.parse(instant);
  }

  static BackupRecord completed(String id, Instant createdAt) {
    return BackupRecord.full(id, createdAt, BackupState.COMPLETED);
  }

  static BackupRecord incremental(String id, String parentId, Instant createdAt) {
    return BackupRecord.incremental(id, parentId, createdAt, BackupState.COMPLETED);
  }

  static BackupRecord inState(String id, Instant createdAt, BackupState state) {
    return BackupRecord.full(id, createdAt, state);
  }

  static RetentionDecision decide(RetentionRule rule, BackupRecord... backups) {
    return Retention.decide(rule, List.of(backups), NOW);
  }

  static List<String> keptIds(RetentionDecision decision) {
    return decision.keep().stream().map(Kept::id).toList();
  }

  static List<String> deletedIds(RetentionDecision decision) {
    return decision.delete().stream().map(Deletion::id).toList();
  }

  static Set<KeepReason> reasons(RetentionDecision decision, String id) {
    return decision.keep().stream()
        .filter(k -> k.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " is not kept: " + decision))
        .reasons();
  }

  static Deletion deletion(RetentionDecision decision, String id) {
    return decision.delete().stream()
        .filter(d -> d.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " is not deleted: " + decision));
  }

  static void assertKeptOnly(RetentionDecision decision, String... ids) {
    assertThat(keptIds(decision)).containsExactlyInAnyOrder(ids);
  }
}
