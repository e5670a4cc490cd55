package dev.trovekeeper.trove;

/** A full Trove backup, or an incremental one on top of a parent. */
public enum BackupKind {
  FULL,
  INCREMENTAL
}
