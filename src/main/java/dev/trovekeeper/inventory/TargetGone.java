package dev.trovekeeper.inventory;

/** CDI event, fired in the same transaction, when a target is deleted or vanished from Trove. */
public record TargetGone(long targetId, String reason) {}
