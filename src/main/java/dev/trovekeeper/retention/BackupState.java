package dev.trovekeeper.retention;

import java.util.Locale;

/** The state of a backup as retention sees it, folded from Trove's backup states. */
public enum BackupState {
  /** Trove {@code NEW}, {@code BUILDING} or {@code SAVING}: never deleted, never counted. */
  RUNNING,
  /** Trove {@code COMPLETED} (and {@code RESTORED}): the only state the keep rules count. */
  COMPLETED,
  /** Trove {@code FAILED}: deleted once older than the rule's failed grace. */
  FAILED,
  /** Trove {@code DELETE_FAILED}: an earlier delete failed; always requested again. */
  DELETE_FAILED;

  /**
   * Maps a Trove backup status to its retention state. {@code RESTORED} (a backup imported with
   * {@code --restore-from}) is a usable backup, so it counts as {@link #COMPLETED}.
   *
   * @throws IllegalArgumentException for a null or unknown status
   */
  public static BackupState fromTrove(String troveStatus) {
    if (troveStatus == null) {
      throw new IllegalArgumentException("Trove backup status must not be null");
    }
    return switch (troveStatus.trim().toUpperCase(Locale.ROOT)) {
      case "NEW", "BUILDING", "SAVING" -> RUNNING;
      case "COMPLETED", "RESTORED" -> COMPLETED;
      case "FAILED" -> FAILED;
      case "DELETE_FAILED" -> DELETE_FAILED;
      default -> throw new IllegalArgumentException("Unknown Trove backup status: " + troveStatus);
    };
  }
}
