package dev.trovekeeper.events;

/**
 * Fleet-wide counters read in one query.
 *
 * @param queueDepth runs PENDING and due
 * @param active runs REQUESTED or RUNNING
 * @param outboxPending outbox rows not yet published
 */
public record FleetCounts(long queueDepth, long active, long outboxPending) {}
