package dev.trovekeeper.archive;

import dev.trovekeeper.storage.ObjectInfo;
import dev.trovekeeper.storage.ObjectKey;
import dev.trovekeeper.storage.ObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Finds archives that never got their manifest (the writer crashed or failed) and deletes their
 * parts once the newest of them is older than {@link ArchiveSettings#incompleteGrace()}, so a
 * backup still being written is left alone. The caller releases their media references.
 */
public class IncompleteArchiveCleaner {

  private final ObjectStore store;
  private final ArchiveSettings settings;
  private final Clock clock;

  public IncompleteArchiveCleaner(ObjectStore store, ArchiveSettings settings, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
  }

  /** Archives under {@code prefix} (for example {@link ArchiveKeys#ARCHIVES}) without manifest. */
  public List<ArchiveId> findIncomplete(String prefix) {
    Map<ArchiveId, Instant> newest = new HashMap<>();
    Map<ArchiveId, Boolean> complete = new HashMap<>();
    try (Stream<ObjectInfo> listing = store.list(prefix)) {
      listing.forEach(
          o -> {
            Optional<ArchiveId> id = ArchiveKeys.archiveOf(o.key());
            if (id.isEmpty()) {
              return;
            }
            newest.merge(id.get(), o.lastModified(), (a, b) -> a.isAfter(b) ? a : b);
            if (o.key().equals(ArchiveKeys.manifest(id.get()))) {
              complete.put(id.get(), true);
            }
          });
    }
    return newest.keySet().stream()
        .filter(id -> !complete.containsKey(id))
        .sorted(java.util.Comparator.comparing(ArchiveId::backupId))
        .toList();
  }

  /**
   * Deletes the parts of incomplete archives under {@code prefix} whose newest part is older than
   * the grace period; returns the archives removed.
   */
  public List<ArchiveId> deleteIncomplete(String prefix) {
    return deleteIncomplete(prefix, id -> false);
  }

  /**
   * As {@link #deleteIncomplete(String)}, but leaves alone every archive {@code inUse} accepts (one
   * a run that is still active may be writing, however old its parts are).
   */
  public List<ArchiveId> deleteIncomplete(String prefix, Predicate<ArchiveId> inUse) {
    Instant cutoff = clock.instant().minus(settings.incompleteGrace());
    List<ArchiveId> removed = new ArrayList<>();
    for (ArchiveId id : findIncomplete(prefix)) {
      List<ObjectInfo> objects;
      try (Stream<ObjectInfo> listing = store.list(ArchiveKeys.backupPrefix(id))) {
        objects = listing.toList();
      }
      boolean old = objects.stream().allMatch(o -> o.lastModified().isBefore(cutoff));
      // a manifest written since the listing makes it a backup after all
      if (old && !inUse.test(id) && !store.exists(ArchiveKeys.manifest(id))) {
        objects.stream().map(ObjectInfo::key).forEach(this::delete);
        removed.add(id);
      }
    }
    return removed;
  }

  private void delete(ObjectKey key) {
    store.delete(key);
  }
}
