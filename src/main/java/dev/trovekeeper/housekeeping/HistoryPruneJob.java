package dev.trovekeeper.housekeeping;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Prunes history every {@code keeper.housekeeping.interval} (one replica per pass). */
@ApplicationScoped
class HistoryPruneJob {

  private final HistoryPruner pruner;
  private final HousekeepingConfig config;

  HistoryPruneJob(HistoryPruner pruner, HousekeepingConfig config) {
    this.pruner = pruner;
    this.config = config;
  }

  @Scheduled(
      identity = "housekeeping-history-prune",
      every = "${keeper.housekeeping.interval}",
      delayed = "5m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void prune() {
    if (!config.enabled()) {
      return;
    }
    try {
      pruner.prune();
    } catch (RuntimeException e) {
      Log.warnf("History pruning failed, next pass in %s: %s", config.interval(), e);
    }
  }
}
