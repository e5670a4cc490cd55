package dev.trovekeeper.schedule;

import java.time.Instant;
import java.util.List;

/**
 * What to do with a schedule that is due: the runs to create and the next slot to wait for.
 *
 * @param missed slots that were due but are too late to run as scheduled
 * @param nextFireAt null when the policy never fires again
 */
public record FirePlan(List<PlannedRun> runs, int missed, Instant nextFireAt) {}
