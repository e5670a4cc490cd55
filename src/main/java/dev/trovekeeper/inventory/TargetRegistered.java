package dev.trovekeeper.inventory;

/** CDI event, fired in the registering transaction, when the service learns of a new target. */
public record TargetRegistered(long targetId) {}
