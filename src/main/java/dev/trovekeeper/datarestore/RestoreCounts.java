package dev.trovekeeper.datarestore;

/**
 * What a restore did so far, object by object. Changed by the restore's write threads through
 * {@link #add} (one at a time), read by its checkpoint.
 */
final class RestoreCounts {
  volatile long updated;
  volatile long created;
  volatile long deleted;
  volatile long unchanged;
  volatile long skipped;
  volatile long failed;

  /** Applies a change of the counts, one writer at a time. */
  synchronized void add(java.util.function.Consumer<RestoreCounts> change) {
    change.accept(this);
  }

  long restored() {
    return updated + created + deleted;
  }
}
