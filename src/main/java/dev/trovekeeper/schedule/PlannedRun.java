package dev.trovekeeper.schedule;

import dev.trovekeeper.run.RunTrigger;
import java.time.Instant;

/** A run the schedule decided to create: which slot, and why. */
public record PlannedRun(Instant slot, RunTrigger trigger) {}
