package dev.trovekeeper.run;

/** What made an artifact. */
public enum ArtifactOrigin {
  SCHEDULED,
  MANUAL,
  BEFORE_RESTORE,
  EXTERNAL
}
