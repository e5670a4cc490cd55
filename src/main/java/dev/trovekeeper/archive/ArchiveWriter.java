package dev.trovekeeper.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trovekeeper.storage.ObjectInfo;
import dev.trovekeeper.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Writes one archive: entities as streamed JSON Lines parts, then {@code manifest.json} last in
 * {@link #finish}. Closing without finishing (an exception, a cancelled run) deletes the parts
 * uploaded so far; after a crash, {@link IncompleteArchiveCleaner} removes them. Either way no
 * manifest exists, so nothing presents the leftovers as a backup.
 *
 * <pre>{@code
 * try (ArchiveWriter archive = ArchiveWriter.start(store, settings, clock, id, header)) {
 *   try (EntityWriter products = archive.entity("products")) {
 *     records.forEach(products::write);
 *   }
 *   archive.media(mediaStore.store(...), url);
 *   Manifest manifest = archive.finish(metadata);
 * }
 * }</pre>
 */
public final class ArchiveWriter implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ArchiveWriter.class);

  private final ObjectStore store;
  private final ArchiveSettings settings;
  private final Clock clock;
  private final ArchiveId id;
  private final Header header;
  private final Instant startedAt;
  private final List<Manifest.Entity> entities = new ArrayList<>();
  private final List<EntityWriter> open = new ArrayList<>();
  private final Map<String, Manifest.Media> media = new LinkedHashMap<>();
  private Manifest manifest;
  private boolean closed;

  /**
   * What the caller knows about the backup before it starts.
   *
   * @param sourceKind {@code REST} or {@code SQL}
   * @param origin why the backup is taken
   * @param schema snapshot of the source's schema, stored as is (may be null)
   */
  public record Header(String sourceKind, Origin origin, JsonNode schema) {}

  private ArchiveWriter(
      ObjectStore store, ArchiveSettings settings, Clock clock, ArchiveId id, Header header) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.id = id;
    this.header = header;
    this.startedAt = clock.instant();
  }

  /**
   * Starts writing archive {@code id}. A finished archive with that id is never overwritten;
   * leftovers of an earlier unfinished attempt with the same id are deleted first, so a restarted
   * run may reuse its backup id.
   *
   * @throws IllegalStateException when the archive already has a manifest
   */
  public static ArchiveWriter start(
      ObjectStore store, ArchiveSettings settings, Clock clock, ArchiveId id, Header header) {
    if (store.exists(ArchiveKeys.manifest(id))) {
      throw new IllegalStateException("archive " + id.backupId() + " is already complete");
    }
    deleteAll(store, ArchiveKeys.backupPrefix(id));
    return new ArchiveWriter(store, settings, clock, id, header);
  }

  /** The archive being written. */
  public ArchiveId id() {
    return id;
  }

  /** Opens the writer of one entity; each name once per archive. */
  public synchronized EntityWriter entity(String name) {
    checkWritable();
    ArchiveKeys.requireEntity(name);
    boolean taken =
        entities.stream().anyMatch(e -> e.name().equals(name))
            || open.stream().anyMatch(w -> w.name().equals(name));
    if (taken) {
      throw new IllegalArgumentException("entity " + name + " is already in this archive");
    }
    EntityWriter writer = new EntityWriter(store, settings, id, name, this::entityClosed);
    open.add(writer);
    return writer;
  }

  /** Records that the archive references a media object stored with {@link MediaStore}. */
  public synchronized void media(MediaRef ref, String source) {
    checkWritable();
    media.putIfAbsent(
        ref.sha256() + " " + source,
        new Manifest.Media(ref.sha256(), ref.size(), ref.key().value(), source));
  }

  /**
   * Writes {@code manifest.json}, which makes the archive a backup. Every entity writer must have
   * been closed.
   *
   * @param metadata whatever else restore needs (FK order, references, cycles), stored as is
   */
  public synchronized Manifest finish(JsonNode metadata) {
    checkWritable();
    if (!open.isEmpty()) {
      throw new IllegalStateException("entity writers still open: " + names(open));
    }
    Manifest result =
        new Manifest(
            Manifest.FORMAT_VERSION,
            id.projectId(),
            id.datasetId(),
            id.backupId(),
            header.sourceKind(),
            header.origin(),
            startedAt,
            clock.instant(),
            settings.compression().name().toLowerCase(java.util.Locale.ROOT),
            header.schema(),
            List.copyOf(entities),
            List.copyOf(media.values()),
            metadata);
    deleteStrays();
    byte[] json;
    try {
      json = ArchiveJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(result);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("manifest cannot be serialized: " + e.getMessage(), e);
    }
    store.put(
        ArchiveKeys.manifest(id), new ByteArrayInputStream(json), json.length, "application/json");
    manifest = result;
    return result;
  }

  /** Without {@link #finish}: discards open entities and deletes what was uploaded. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (manifest != null) {
      return;
    }
    open.forEach(EntityWriter::discard);
    open.clear();
    try {
      deleteAll(store, ArchiveKeys.backupPrefix(id));
    } catch (RuntimeException e) {
      // the incomplete-archive cleanup removes them later
      LOG.warnf("could not delete the parts of unfinished archive %s: %s", id, e.getMessage());
    }
  }

  /**
   * Gives the archive up without deleting anything: for a writer whose run was taken over by
   * another replica, which writes the same archive id again ({@link #start} deletes the leftovers
   * first, and {@link IncompleteArchiveCleaner} removes them if nobody does). Deleting here could
   * remove the new writer's parts. Open entities' staged files are dropped.
   */
  public synchronized void abandon() {
    if (closed) {
      return;
    }
    closed = true;
    open.forEach(EntityWriter::discard);
    open.clear();
  }

  /**
   * Objects under the archive's prefix that are not its parts: an upload of an earlier attempt of
   * the same archive id (a worker that lost its run while uploading) that landed after {@link
   * #start} cleaned up. Removed before the manifest makes the archive a backup.
   */
  private void deleteStrays() {
    java.util.Set<String> parts = new java.util.HashSet<>();
    entities.forEach(e -> e.parts().forEach(p -> parts.add(p.key())));
    List<ObjectInfo> strays;
    try (Stream<ObjectInfo> listing = store.list(ArchiveKeys.backupPrefix(id))) {
      strays = listing.filter(o -> !parts.contains(o.key().value())).toList();
    }
    for (ObjectInfo stray : strays) {
      LOG.warnf(
          "deleting %s: not a part of archive %s (left by an earlier attempt)", stray.key(), id);
      store.delete(stray.key());
    }
  }

  private synchronized void entityClosed(Manifest.Entity entity) {
    open.removeIf(w -> w.name().equals(entity.name()));
    entities.add(entity);
  }

  private void checkWritable() {
    if (closed || manifest != null) {
      throw new IllegalStateException("archive " + id.backupId() + " is no longer writable");
    }
  }

  private static List<String> names(List<EntityWriter> writers) {
    return writers.stream().map(EntityWriter::name).toList();
  }

  static void deleteAll(ObjectStore store, String prefix) {
    List<ObjectInfo> objects;
    try (Stream<ObjectInfo> listing = store.list(prefix)) {
      objects = listing.toList();
    }
    objects.forEach(o -> store.delete(o.key()));
  }
}
