package dev.trovekeeper.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Pure: decides between a full and an incremental backup. With {@code fullIntervalDays} set, a full
 * is taken when there is none yet, when the last one is that old, when the chain was reset (promote
 * or eject) after it, or when the chain already holds {@code maxChainLength} backups (retention
 * never breaks a chain, so the cap is what keeps retention's word when fulls are rare); otherwise
 * an incremental on the newest completed backup of the current chain.
 */
public final class ChainPlanner {

  private ChainPlanner() {}

  /**
   * The plan of the next backup.
   *
   * @param fullIntervalDays a full when the last full is this old; null or 0: every backup full
   * @param maxChainLength at most this many backups per chain, the full included; null: no cap
   */
  public static BackupPlan plan(
      Integer fullIntervalDays,
      Integer maxChainLength,
      List<Artifact> artifacts,
      Instant chainResetAt,
      Instant now) {
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
    if (maxChainLength != null && depth(parent, artifacts) >= maxChainLength) {
      return BackupPlan.full(null);
    }
    return BackupPlan.incremental(parent.externalId);
  }

  /**
   * How many backups the chain holds up to and including {@code backup}: 1 for a full, one more per
   * incremental ancestor (followed by parent id; a parent the service does not know ends the walk).
   */
  static int depth(Artifact backup, List<Artifact> artifacts) {
    Map<String, Artifact> byId =
        artifacts.stream()
            .filter(a -> a.externalId != null)
            .collect(Collectors.toMap(a -> a.externalId, Function.identity(), (a, b) -> a));
    int depth = 1;
    Artifact current = backup;
    while (current.backupType == BackupType.INCREMENTAL
        && current.parentExternalId != null
        && byId.containsKey(current.parentExternalId)
        && depth <= artifacts.size()) {
      current = byId.get(current.parentExternalId);
      depth++;
    }
    return depth;
  }

  private static boolean isCompleted(Artifact artifact) {
    return "COMPLETED".equals(artifact.status);
  }
}
