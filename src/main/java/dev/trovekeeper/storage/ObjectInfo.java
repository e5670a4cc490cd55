package dev.trovekeeper.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * What the store knows about one object.
 *
 * @param key the object's key
 * @param size its length in bytes
 * @param lastModified when it was last written, as the store reports it
 */
public record ObjectInfo(ObjectKey key, long size, Instant lastModified) {

  public ObjectInfo {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastModified, "lastModified");
  }
}
