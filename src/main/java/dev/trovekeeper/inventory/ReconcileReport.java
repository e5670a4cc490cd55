package dev.trovekeeper.inventory;

/**
 * What one reconcile pass changed.
 *
 * @param transactions database transactions the pass took (listing chunks, then vanish pages)
 * @param largestChunk most instances or targets handled in one of them
 */
public record ReconcileReport(
    int listed, int added, int updated, int vanished, int transactions, int largestChunk) {

  static final ReconcileReport EMPTY = new ReconcileReport(0, 0, 0, 0, 0, 0);

  /** This report followed by another part of the same pass. */
  ReconcileReport plus(ReconcileReport o) {
    return new ReconcileReport(
        listed + o.listed,
        added + o.added,
        updated + o.updated,
        vanished + o.vanished,
        transactions + o.transactions,
        Math.max(largestChunk, o.largestChunk));
  }
}
