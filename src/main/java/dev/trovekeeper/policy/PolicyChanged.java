package dev.trovekeeper.policy;

/**
 * A policy of a project (or, with a null project, the global one) was set or removed; fired in the
 * changing transaction so schedules follow before it commits.
 */
public record PolicyChanged(String projectIdOrNull) {}
