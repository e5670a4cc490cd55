package dev.trovekeeper.archive;

import dev.trovekeeper.storage.ObjectKey;

/**
 * A media object stored by {@link MediaStore} and referenced by a backup.
 *
 * @param sha256 SHA-256 of the content, lower-case hex
 * @param size bytes
 * @param key where it is stored
 * @param uploaded whether this call uploaded it (false: an identical object was already there)
 */
public record MediaRef(String sha256, long size, ObjectKey key, boolean uploaded) {}
