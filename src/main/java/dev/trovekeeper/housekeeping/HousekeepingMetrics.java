package dev.trovekeeper.housekeeping;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the object-store housekeeping did, for Prometheus: {@code
 * trove_keeper_media_gc_objects_total{action}} (marked, deleted, revived, adopted), {@code
 * trove_keeper_incomplete_archives_deleted_total}, {@code
 * trove_keeper_incomplete_archive_references_released_total} and {@code
 * trove_keeper_housekeeping_failures_total{job}}. Counted by the replica that ran the pass.
 */
@ApplicationScoped
public class HousekeepingMetrics {

  private final MeterRegistry registry;
  private final Counter incompleteArchives;
  private final Counter incompleteReferences;

  HousekeepingMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String action : new String[] {"marked", "deleted", "revived", "adopted"}) {
      media(action); // registered at zero, so dashboards see the series before the first pass
    }
    incompleteArchives =
        Counter.builder("trove_keeper_incomplete_archives_deleted")
            .description("Archives without manifest whose parts were deleted")
            .register(registry);
    incompleteReferences =
        Counter.builder("trove_keeper_incomplete_archive_references_released")
            .description(
                "Media references of backups that never finished (incomplete archives, or none)"
                    + " that were released")
            .register(registry);
    failure(HousekeepingJobs.MEDIA_GC);
    failure(HousekeepingJobs.INCOMPLETE_ARCHIVES);
  }

  void mediaPass(ArchiveHousekeeper.MediaPass pass) {
    media("marked").increment(pass.marked());
    media("deleted").increment(pass.deleted());
    media("revived").increment(pass.revived());
    media("adopted").increment(pass.adopted());
  }

  void incompletePass(ArchiveHousekeeper.IncompletePass pass) {
    incompleteArchives.increment(pass.archives().size());
    incompleteReferences.increment(pass.references() + pass.orphaned());
  }

  void failed(String job) {
    failure(job).increment();
  }

  private Counter media(String action) {
    return Counter.builder("trove_keeper_media_gc_objects")
        .description(
            "Media objects the garbage collector marked DELETING, deleted, revived (referenced"
                + " again) or adopted (found in the store without a row)")
        .tags("action", action)
        .register(registry);
  }

  private Counter failure(String job) {
    return Counter.builder("trove_keeper_housekeeping_failures")
        .description("Housekeeping passes that failed (retried at the next interval)")
        .tags("job", job)
        .register(registry);
  }
}
