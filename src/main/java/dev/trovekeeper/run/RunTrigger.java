package dev.trovekeeper.run;

/** Why a run exists. */
public enum RunTrigger {
  SCHEDULED,
  CATCH_UP,
  BACKFILL,
  MANUAL,
  BEFORE_RESTORE
}
