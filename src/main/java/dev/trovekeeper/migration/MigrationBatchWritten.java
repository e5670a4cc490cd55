package dev.trovekeeper.migration;

/**
 * Fired (synchronously, on the run's worker) each time a migration run has committed a batch to the
 * target tenant and before the batch's new keys are in the id map: the one moment a crash leaves
 * rows the id map does not know yet. Observers must be quick; one that throws breaks the step,
 * which the run engine retries (a resumed run adopts those rows, it does not insert them again).
 *
 * @param runId the run
 * @param table the table of the batch
 * @param rowsDone rows handled so far by this attempt, this batch included
 */
public record MigrationBatchWritten(long runId, String table, long rowsDone) {}
