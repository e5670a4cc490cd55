package dev.trovekeeper.housekeeping;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs the object-store housekeeping on its intervals ({@code keeper.housekeeping.media-gc.*},
 * {@code keeper.housekeeping.incomplete-archives.*}); one replica per pass, see {@link
 * ArchiveHousekeeper}. A failed pass is counted and logged; the next interval tries again.
 */
@ApplicationScoped
class HousekeepingJobs {

  static final String MEDIA_GC = "media-gc";
  static final String INCOMPLETE_ARCHIVES = "incomplete-archives";

  private final ArchiveHousekeeper housekeeper;
  private final HousekeepingMetrics metrics;
  private final HousekeepingConfig config;

  HousekeepingJobs(
      ArchiveHousekeeper housekeeper, HousekeepingMetrics metrics, HousekeepingConfig config) {
    this.housekeeper = housekeeper;
    this.metrics = metrics;
    this.config = config;
  }

  @Scheduled(
      identity = "housekeeping-media-gc",
      every = "${keeper.housekeeping.media-gc.interval}",
      delayed = "${keeper.housekeeping.media-gc.delay}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void collectMedia() {
    if (!config.mediaGc().enabled()) {
      return;
    }
    try {
      housekeeper.collectMedia();
    } catch (RuntimeException e) {
      metrics.failed(MEDIA_GC);
      Log.warnf(
          "Media garbage collection failed, next pass in %s: %s", config.mediaGc().interval(), e);
    }
  }

  @Scheduled(
      identity = "housekeeping-incomplete-archives",
      every = "${keeper.housekeeping.incomplete-archives.interval}",
      delayed = "${keeper.housekeeping.incomplete-archives.delay}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void cleanIncompleteArchives() {
    if (!config.incompleteArchives().enabled()) {
      return;
    }
    try {
      housekeeper.cleanIncompleteArchives();
    } catch (RuntimeException e) {
      metrics.failed(INCOMPLETE_ARCHIVES);
      Log.warnf(
          "Incomplete archive cleaning failed, next pass in %s: %s",
          config.incompleteArchives().interval(), e);
    }
  }
}
