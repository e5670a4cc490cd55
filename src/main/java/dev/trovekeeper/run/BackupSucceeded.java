package dev.trovekeeper.run;

/** CDI event fired after a backup run committed as SUCCEEDED (retention follows it). */
public record BackupSucceeded(long targetId, long runId) {}
