package dev.trovekeeper.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Pure: decides between a full and an incremental backup. With {@code fullIntervalDays} set, a full
 * is taken when there is none yet, when the last one is that old, or when the chain was reset
 * (promote or eject) after it; otherwise an incremental on the newest completed backup of the
 * current chain.
 */
public final class ChainPlanner {

  private ChainPlanner() {}

  public static BackupPlan plan(
      Integer fullIntervalDays, List<Artifact> artifacts, Instant chainResetAt, Instant now) {
    if (fullIntervalDays == null) {
      return BackupPlan.full(null);
    }
    Optional<Artifact> lastFull =
        artifacts.stream()
            .filter(a -> a.backupType == BackupType.FULL && isCompleted(a))
            .max(Comparator.comparing((Artifact a) -> a.createdAt).thenComparing(a -> a.id));
    if (lastFull.isEmpty()) {
      return BackupPlan.full(null);
    }
    Instant fullAt = lastFull.get().createdAt;
    if (chainResetAt != null && chainResetAt.isAfter(fullAt)) {
      return BackupPlan.full("incremental chain reset (replica promoted or ejected)");
    }
    if (!fullAt.plus(Duration.ofDays(fullIntervalDays)).isAfter(now)) {
      return BackupPlan.full(null);
    }
    Artifact parent =
        artifacts.stream()
            .filter(ChainPlanner::isCompleted)
            .filter(a -> !a.createdAt.isBefore(fullAt))
            .max(Comparator.comparing((Artifact a) -> a.createdAt).thenComparing(a -> a.id))
            .orElse(lastFull.get());
    return BackupPlan.incremental(parent.externalId);
  }

  private static boolean isCompleted(Artifact artifact) {
    return "COMPLETED".equals(artifact.status);
  }
}
