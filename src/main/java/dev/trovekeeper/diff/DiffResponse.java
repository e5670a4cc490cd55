package dev.trovekeeper.diff;

import dev.trovekeeper.run.RunState;
import java.time.Instant;
import java.util.List;

/**
 * A diff as the API shows it.
 *
 * @param id the diff's id: its run's id (a UUID), also at {@code /v1/runs/{id}}
 * @param datasetId the dataset
 * @param backupId the base backup
 * @param otherBackupId the other backup; null: the live data
 * @param state the run's state: the counts are final once it is SUCCEEDED
 * @param reasonCode why it failed or was skipped
 * @param createdAt when it was asked for
 * @param finishedAt when its run ended
 * @param totals the counts over every entity
 * @param entities the counts per entity, in comparison order (once SUCCEEDED)
 */
public record DiffResponse(
    String id,
    String datasetId,
    String backupId,
    String otherBackupId,
    RunState state,
    String reasonCode,
    Instant createdAt,
    Instant finishedAt,
    Counts totals,
    List<EntityCounts> entities) {

  /** Objects per kind of change, and those the same on both sides. */
  public record Counts(long added, long changed, long removed, long unchanged) {}

  /** The counts of one entity. */
  public record EntityCounts(
      String entity, long added, long changed, long removed, long unchanged) {}
}
