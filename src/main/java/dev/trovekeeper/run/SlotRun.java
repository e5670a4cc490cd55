package dev.trovekeeper.run;

import java.time.Instant;

/** A run the schedule engine creates for one slot of a target's schedule. */
public record SlotRun(
    long targetId, String projectId, Long policyId, Instant slot, RunTrigger trigger) {}
