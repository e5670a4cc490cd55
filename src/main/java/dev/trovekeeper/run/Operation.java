package dev.trovekeeper.run;

/** What a run does to its target. */
public enum Operation {
  BACKUP,
  RESTORE,
  MIGRATE
}
