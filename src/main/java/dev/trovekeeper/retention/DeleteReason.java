package dev.trovekeeper.retention;

/** Why a backup is deleted. */
public enum DeleteReason {
  /** COMPLETED, and no rule keeps it. */
  EXPIRED,
  /** FAILED, and older than the failed grace. */
  FAILED_AFTER_GRACE,
  /** An earlier delete ended DELETE_FAILED; requested again. */
  RETRY_DELETE_FAILED,
  /** Would be kept on its own (a FAILED backup in grace), but an ancestor is deleted. */
  PARENT_DELETED
}
