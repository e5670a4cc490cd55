package dev.trovekeeper.inventory;

/** The two kinds of thing the service backs up; only the executor differs between them. */
public enum TargetKind {
  TROVE_INSTANCE,
  DATASET
}
