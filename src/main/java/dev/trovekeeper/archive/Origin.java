package dev.trovekeeper.archive;

/** Why a backup was taken, recorded in its manifest. */
public enum Origin {
  /** By its schedule. */
  AUTO,
  /** Asked for by a user ("back up now"). */
  MANUAL,
  /** The safety backup taken before a restore overwrites data. */
  BEFORE_RESTORE
}
