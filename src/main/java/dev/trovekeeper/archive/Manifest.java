package dev.trovekeeper.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code manifest.json}, written last: an archive without it is not a backup. Specified in
 * docs/FORMAT.md.
 *
 * @param formatVersion {@link #FORMAT_VERSION}
 * @param projectId owning project
 * @param datasetId dataset backed up
 * @param backupId this backup
 * @param sourceKind {@code REST} or {@code SQL}, as the caller said
 * @param origin why the backup was taken
 * @param startedAt when the writer started
 * @param finishedAt when the manifest was written
 * @param compression {@code zstd} or {@code gzip}
 * @param schema the caller's snapshot of the source's schema (opaque)
 * @param entities every entity in write order, with its parts
 * @param media every media object the records reference
 * @param metadata anything else the caller recorded (FK order, references, cycles), opaque
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    int formatVersion,
    String projectId,
    UUID datasetId,
    UUID backupId,
    String sourceKind,
    Origin origin,
    Instant startedAt,
    Instant finishedAt,
    String compression,
    JsonNode schema,
    List<Entity> entities,
    List<Media> media,
    JsonNode metadata) {

  public static final int FORMAT_VERSION = 1;

  /** The archive's id. */
  public ArchiveId id() {
    return new ArchiveId(projectId, datasetId, backupId);
  }

  /** The entity with this name. */
  public Optional<Entity> entity(String name) {
    return entities.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** Total records over all entities. */
  public long records() {
    return entities.stream().mapToLong(Entity::records).sum();
  }

  /** Total stored bytes of all parts (media not included). */
  public long storedBytes() {
    return entities.stream().flatMap(e -> e.parts().stream()).mapToLong(Part::size).sum();
  }

  /**
   * One entity (REST resource or SQL table).
   *
   * @param name entity name, as in the part keys
   * @param records number of records (JSON lines) over all parts
   * @param uncompressedBytes JSON Lines bytes before compression
   * @param parts its parts in order; empty for an entity without records
   */
  public record Entity(String name, long records, long uncompressedBytes, List<Part> parts) {}

  /**
   * One stored part: a whole zstd frame or gzip member of complete JSON lines.
   *
   * @param index 1, 2, ...
   * @param key object key, relative to the store's root
   * @param records lines in this part
   * @param size stored (compressed) bytes
   * @param sha256 SHA-256 of the stored bytes, lower-case hex
   */
  public record Part(int index, String key, long records, long size, String sha256) {}

  /**
   * A media object referenced by the records.
   *
   * @param sha256 SHA-256 of its content (also its name)
   * @param size bytes
   * @param key object key, relative to the store's root
   * @param source where it was downloaded from (for example the URL in a record), or null
   */
  public record Media(String sha256, long size, String key, String source) {}
}
