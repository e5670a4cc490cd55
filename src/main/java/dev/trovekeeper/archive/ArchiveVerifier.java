package dev.trovekeeper.archive;

import dev.trovekeeper.storage.ObjectInfo;
import dev.trovekeeper.storage.ObjectKey;
import dev.trovekeeper.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks archives against their manifests, offline (no database): every part's size and SHA-256,
 * every referenced media object's size and SHA-256, and archives that have parts but no manifest.
 */
public final class ArchiveVerifier {

  private final ObjectStore store;

  public ArchiveVerifier(ObjectStore store) {
    this.store = store;
  }

  /**
   * What a verification found.
   *
   * @param manifests manifests checked
   * @param parts parts checked
   * @param media media objects checked
   * @param problems one line per problem; empty when everything matches
   */
  public record Report(int manifests, int parts, int media, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /** Verifies every archive under {@code prefix} (a store-relative key prefix, "" for all). */
  public Report verify(String prefix) {
    List<ObjectKey> manifests = new ArrayList<>();
    Set<ArchiveId> withObjects = new HashSet<>();
    try (Stream<ObjectInfo> listing = store.list(prefix)) {
      listing.forEach(
          o -> {
            Optional<ArchiveId> id = ArchiveKeys.archiveOf(o.key());
            if (id.isPresent()) {
              withObjects.add(id.get());
              if (o.key().equals(ArchiveKeys.manifest(id.get()))) {
                manifests.add(o.key());
              }
            }
          });
    }
    List<String> problems = new ArrayList<>();
    int[] counts = new int[2];
    Set<ArchiveId> verified = new HashSet<>();
    manifests.sort(null);
    for (ObjectKey key : manifests) {
      Manifest manifest;
      try {
        manifest = ArchiveReader.readManifest(store, key);
      } catch (ArchiveException e) {
        problems.add(e.getMessage());
        continue;
      }
      verified.add(ArchiveKeys.archiveOf(key).orElseThrow());
      verifyManifest(manifest, problems, counts);
    }
    withObjects.stream()
        .filter(id -> !verified.contains(id))
        .filter(id -> manifests.stream().noneMatch(m -> m.equals(ArchiveKeys.manifest(id))))
        .map(
            id -> "archive " + ArchiveKeys.backupPrefix(id) + " has no manifest.json: not a backup")
        .sorted()
        .forEach(problems::add);
    if (manifests.isEmpty() && withObjects.isEmpty()) {
      problems.add("no manifest.json under '" + prefix + "' in " + store.location());
    }
    return new Report(manifests.size(), counts[0], counts[1], List.copyOf(problems));
  }

  private void verifyManifest(Manifest manifest, List<String> problems, int[] counts) {
    for (Manifest.Entity entity : manifest.entities()) {
      for (Manifest.Part part : entity.parts()) {
        counts[0]++;
        check("part", part.key(), part.size(), part.sha256(), problems);
      }
    }
    Set<String> seen = new HashSet<>();
    for (Manifest.Media media :
        manifest.media() == null ? List.<Manifest.Media>of() : manifest.media()) {
      if (seen.add(media.key())) {
        counts[1]++;
        check("media", media.key(), media.size(), media.sha256(), problems);
      }
    }
  }

  private void check(String what, String key, long size, String sha256, List<String> problems) {
    if (!ObjectKey.isValid(key)) {
      problems.add(what + " key '" + key + "' is not a valid object key");
      return;
    }
    Optional<ObjectInfo> info = store.stat(ObjectKey.of(key));
    if (info.isEmpty()) {
      problems.add(what + " " + key + " is missing");
      return;
    }
    if (info.get().size() != size) {
      problems.add(
          what + " " + key + " has " + info.get().size() + " bytes, manifest says " + size);
      return;
    }
    try (InputStream in = store.get(ObjectKey.of(key))) {
      Sha256.Hashed hashed = Sha256.copy(in, null);
      if (!hashed.sha256().equals(sha256)) {
        problems.add(
            what + " " + key + " has sha256 " + hashed.sha256() + ", manifest says " + sha256);
      }
    } catch (IOException | RuntimeException e) {
      problems.add(what + " " + key + " could not be read: " + e.getMessage());
    }
  }
}
