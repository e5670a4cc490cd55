package dev.trovekeeper.retention;

/**
 * A backup that goes.
 *
 * @param id the backup id
 * @param reason why it goes
 * @param cascadedFrom null when this delete must be requested from Trove; otherwise the id of the
 *     deleted ancestor whose request removes it too (Trove deletes incremental children with their
 *     parent), so it must not be requested on its own
 */
public record Deletion(String id, DeleteReason reason, String cascadedFrom) {

  /** Whether Trove deletes this backup as part of deleting {@link #cascadedFrom()}. */
  public boolean cascaded() {
    return cascadedFrom != null;
  }
}
