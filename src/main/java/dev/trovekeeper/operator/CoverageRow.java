package dev.trovekeeper.operator;

import dev.trovekeeper.protection.Protection;
import java.time.Instant;

/**
 * One target in the coverage report.
 *
 * @param kind {@code TROVE_INSTANCE} or {@code DATASET}
 * @param id the instance's Trove id, or the dataset's public id
 * @param lastSuccessAt when its newest COMPLETED backup was taken
 * @param lastRunState state of its newest run (any state); null if it never ran
 * @param lastRunReason reason code and text of that run
 */
public record CoverageRow(
    String projectId,
    String kind,
    String id,
    String name,
    String status,
    Protection protection,
    Instant lastSuccessAt,
    String lastRunState,
    String lastRunReasonCode,
    String lastRunReason) {}
