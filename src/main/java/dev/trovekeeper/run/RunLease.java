package dev.trovekeeper.run;

/**
 * A replica's hold on one run: who claimed it and the fencing token of that claim. Every claim
 * bumps the run's token, so a worker whose lease was taken over (even by another thread of the same
 * replica) changes nothing and posts nothing.
 */
public record RunLease(long runId, String owner, long token) {}
