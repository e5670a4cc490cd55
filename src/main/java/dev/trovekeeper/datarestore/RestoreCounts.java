package dev.trovekeeper.datarestore;

/** What a restore did so far, object by object. Written by one thread, read by its checkpoint. */
final class RestoreCounts {
  volatile long updated;
  volatile long created;
  volatile long deleted;
  volatile long unchanged;
  volatile long skipped;
  volatile long failed;

  long restored() {
    return updated + created + deleted;
  }
}
