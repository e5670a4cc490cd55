package dev.trovekeeper.inventory;

/** What one reconcile pass changed. */
public record ReconcileReport(int listed, int added, int updated, int vanished) {}
