package dev.trovekeeper.run;

/** A full backup, or an incremental one on top of a parent. */
public enum BackupType {
  FULL,
  INCREMENTAL
}
