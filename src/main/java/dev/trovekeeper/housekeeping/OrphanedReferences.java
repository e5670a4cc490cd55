package dev.trovekeeper.housekeeping;

import dev.trovekeeper.archive.ArchiveId;
import dev.trovekeeper.archive.ArchiveKeys;
import dev.trovekeeper.archive.ArchiveSettings;
import dev.trovekeeper.archive.MediaStore;
import dev.trovekeeper.archive.MediaStore.ReferencingBackup;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.run.RunService;
import dev.trovekeeper.storage.ObjectInfo;
import dev.trovekeeper.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Releases the media references of backups that never finished and left no part behind (a crash
 * before the first part was uploaded): the incomplete-archive cleaning cannot find those, and their
 * media would be kept for ever. A backup's references go only when all of these hold: its newest
 * reference is older than {@code keeper.archive.incomplete-grace}, no artifact names it (or only a
 * DELETED one), its project has no dataset run pending or running, and the store holds no manifest
 * for it.
 */
@ApplicationScoped
class OrphanedReferences {

  private static final int PAGE = 500;

  private final MediaStore media;
  private final ObjectStore store;
  private final RunService runs;
  private final ArchiveSettings settings;
  private final Clock clock;

  OrphanedReferences(
      MediaStore media, ObjectStore store, RunService runs, ArchiveSettings settings, Clock clock) {
    this.media = media;
    this.store = store;
    this.runs = runs;
    this.settings = settings;
    this.clock = clock;
  }

  /** Releases what is orphaned; returns how many references. */
  int release() {
    Instant cutoff = clock.instant().minus(settings.incompleteGrace());
    Map<String, Set<UUID>> candidates = new HashMap<>();
    UUID after = null;
    List<ReferencingBackup> page;
    do {
      page = media.backupsReferencingBefore(cutoff, after, PAGE);
      Set<String> live =
          runs.liveArtifactIds(page.stream().map(b -> b.backupId().toString()).toList());
      for (ReferencingBackup backup : page) {
        if (!live.contains(backup.backupId().toString())) {
          candidates
              .computeIfAbsent(backup.projectId(), p -> new HashSet<>())
              .add(backup.backupId());
        }
      }
      after = page.isEmpty() ? after : page.get(page.size() - 1).backupId();
    } while (page.size() == PAGE);
    int released = 0;
    for (Map.Entry<String, Set<UUID>> project : candidates.entrySet()) {
      if (runs.hasUnfinishedRunInProject(TargetKind.DATASET, project.getKey())) {
        continue;
      }
      Set<UUID> complete = withManifest(project.getKey());
      for (UUID backupId : project.getValue()) {
        if (!complete.contains(backupId)) {
          released += media.release(backupId);
        }
      }
    }
    return released;
  }

  /** Backups of the project that have a manifest: whatever the database says, they are backups. */
  private Set<UUID> withManifest(String projectId) {
    Set<UUID> complete = new HashSet<>();
    try (Stream<ObjectInfo> listing = store.list(ArchiveKeys.projectPrefix(projectId))) {
      listing.forEach(
          o -> {
            java.util.Optional<ArchiveId> id = ArchiveKeys.archiveOf(o.key());
            if (id.isPresent() && o.key().equals(ArchiveKeys.manifest(id.get()))) {
              complete.add(id.get().backupId());
            }
          });
    }
    return complete;
  }
}
