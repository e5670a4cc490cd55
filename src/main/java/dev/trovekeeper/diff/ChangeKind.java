package dev.trovekeeper.diff;

/** How an object differs between the diff's base (a backup) and its other side. */
public enum ChangeKind {
  /** In the other side (the live data, or the newer backup), not in the base backup. */
  ADDED,
  /** In both, with different content: the change carries the JSON Patch from base to other. */
  CHANGED,
  /** In the base backup, not in the other side. */
  REMOVED
}
