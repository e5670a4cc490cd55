package dev.trovekeeper.archive;

import dev.trovekeeper.storage.ObjectInfo;
import dev.trovekeeper.storage.ObjectStore;
import java.util.List;
import java.util.stream.Stream;

/**
 * Deletes one archive (a dataset backup) in the only safe order: the manifest first, so the archive
 * stops being a backup at once (readers, the verifier and restore ignore an archive without
 * manifest), then every other object under its prefix, then the backup's media references (media
 * garbage collection takes the media no other backup needs). Each step is idempotent, so a retry
 * after a crash between two steps finishes the job; deleting an object already gone succeeds.
 */
public class ArchiveRemover {

  private final ObjectStore store;
  private final MediaStore media;

  public ArchiveRemover(ObjectStore store, MediaStore media) {
    this.store = store;
    this.media = media;
  }

  /**
   * What one removal did.
   *
   * @param objects objects deleted besides the manifest (parts; zero on a retry that found none)
   * @param references media references released
   */
  public record Removal(int objects, int references) {}

  /**
   * Removes archive {@code id}: manifest, other objects, media references. Not to be called inside
   * a JTA transaction (the references are released in a transaction of their own).
   */
  public Removal remove(ArchiveId id) {
    store.delete(ArchiveKeys.manifest(id));
    List<ObjectInfo> rest;
    try (Stream<ObjectInfo> listing = store.list(ArchiveKeys.backupPrefix(id))) {
      rest = listing.toList();
    }
    rest.forEach(o -> store.delete(o.key()));
    int references = media.release(id.backupId());
    return new Removal(rest.size(), references);
  }
}
