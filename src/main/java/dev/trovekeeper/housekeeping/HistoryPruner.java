package dev.trovekeeper.housekeeping;

import dev.trovekeeper.audit.AuditService;
import dev.trovekeeper.auth.DeletionConfirmationService;
import dev.trovekeeper.inventory.NotificationService;
import dev.trovekeeper.joblock.JobLock;
import dev.trovekeeper.run.RunService;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Deletes history past its retention period, batch by batch, through the owning services. Only the
 * replica holding the {@code history-prune} job lock prunes; the others skip the pass.
 */
@ApplicationScoped
public class HistoryPruner {

  static final String LOCK = "history-prune";

  private final RunService runs;
  private final NotificationService notifications;
  private final AuditService audit;
  private final DeletionConfirmationService deletions;
  private final JobLock lock;
  private final HousekeepingConfig config;
  private final Clock clock;

  HistoryPruner(
      RunService runs,
      NotificationService notifications,
      AuditService audit,
      DeletionConfirmationService deletions,
      JobLock lock,
      HousekeepingConfig config,
      Clock clock) {
    this.runs = runs;
    this.notifications = notifications;
    this.audit = audit;
    this.deletions = deletions;
    this.lock = lock;
    this.config = config;
    this.clock = clock;
  }

  /**
   * One pruning pass; returns the rows deleted per table, or empty when another replica holds the
   * lock.
   */
  public Optional<Map<String, Integer>> prune() {
    return lock.runExclusively(LOCK, config.interval(), this::pruneAll);
  }

  private Map<String, Integer> pruneAll() {
    Instant now = clock.instant();
    Map<String, Integer> deleted = new LinkedHashMap<>();
    deleted.put("runs", drain(runs::pruneFinishedBefore, now.minus(config.runsRetention())));
    deleted.put(
        "processed_notifications",
        drain(
            notifications::pruneProcessedBefore,
            now.minus(config.processedNotificationsRetention())));
    deleted.put("audit_log", drain(audit::pruneBefore, now.minus(config.auditRetention())));
    deleted.put(
        "deletion_confirmations",
        drain(deletions::pruneExpiredBefore, now.minus(config.deletionConfirmationsRetention())));
    if (deleted.values().stream().anyMatch(n -> n > 0)) {
      Log.infof("History pruned: %s", deleted);
    }
    return deleted;
  }

  /** Deletes batch after batch (each its own transaction) until a batch comes back short. */
  private int drain(BiFunction<Instant, Integer, Integer> pruneBatch, Instant cutoff) {
    int total = 0;
    int deleted;
    do {
      deleted = pruneBatch.apply(cutoff, config.batchSize());
      total += deleted;
    } while (deleted == config.batchSize());
    return total;
  }
}
