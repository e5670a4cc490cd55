package dev.trovekeeper.operator;

import dev.trovekeeper.protection.Protection;
import java.time.Instant;

/**
 * One instance in the coverage report.
 *
 * @param lastSuccessAt when its newest COMPLETED backup was taken
 * @param lastRunState state of its newest run (any state); null if it never ran
 * @param lastRunReason reason code and text of that run
 */
public record CoverageRow(
    String projectId,
    String instanceId,
    String name,
    String status,
    Protection protection,
    Instant lastSuccessAt,
    String lastRunState,
    String lastRunReasonCode,
    String lastRunReason) {}
