package dev.trovekeeper.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trovekeeper.storage.ObjectKey;
import dev.trovekeeper.storage.ObjectNotFoundException;
import dev.trovekeeper.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads an archive back (restore, diff): the manifest, then the records of an entity as a stream.
 * Each part is downloaded to a staged file while its SHA-256 is computed, and only a part that
 * matches the manifest is decompressed, so no record of a damaged part is ever handed out.
 */
public final class ArchiveReader {

  private final ObjectStore store;
  private final ArchiveSettings settings;
  private final Manifest manifest;

  private ArchiveReader(ObjectStore store, ArchiveSettings settings, Manifest manifest) {
    this.store = store;
    this.settings = settings;
    this.manifest = manifest;
  }

  /**
   * Opens archive {@code id}.
   *
   * @throws ArchiveException when it has no manifest (it is not a backup) or an unknown format
   */
  public static ArchiveReader open(ObjectStore store, ArchiveSettings settings, ArchiveId id) {
    return new ArchiveReader(store, settings, readManifest(store, ArchiveKeys.manifest(id)));
  }

  /** Reads and checks a manifest. */
  static Manifest readManifest(ObjectStore store, ObjectKey key) {
    Manifest manifest;
    try (InputStream in = store.get(key)) {
      manifest = ArchiveJson.MAPPER.readValue(in, Manifest.class);
    } catch (ObjectNotFoundException e) {
      throw new ArchiveException("no manifest at " + key + ": not a (complete) backup", e);
    } catch (IOException e) {
      throw new ArchiveException("manifest " + key + " is not readable: " + e.getMessage(), e);
    }
    if (manifest.formatVersion() < 1 || manifest.formatVersion() > Manifest.FORMAT_VERSION) {
      throw new ArchiveException(
          "manifest " + key + " has unsupported format version " + manifest.formatVersion());
    }
    if (manifest.entities() == null || manifest.compression() == null) {
      throw new ArchiveException("manifest " + key + " lacks entities or compression");
    }
    return manifest;
  }

  public Manifest manifest() {
    return manifest;
  }

  /**
   * The records of {@code entity} in order, parsed as JSON. Close the stream when done.
   *
   * @throws IllegalArgumentException when the archive has no such entity
   */
  public RecordStream<JsonNode> records(String entity) {
    PartLines lines = partLines(entity);
    return new RecordStream<>(
        () -> {
          byte[] line = lines.next();
          return line == null ? null : parse(line);
        },
        lines);
  }

  /** The records of {@code entity} in order, as the UTF-8 bytes of each JSON line. */
  public RecordStream<byte[]> lines(String entity) {
    PartLines lines = partLines(entity);
    return new RecordStream<>(lines::next, lines);
  }

  private PartLines partLines(String entity) {
    Manifest.Entity found =
        manifest
            .entity(entity)
            .orElseThrow(() -> new IllegalArgumentException("no entity " + entity));
    return new PartLines(store, settings, compression(), found);
  }

  private Compression compression() {
    try {
      return Compression.valueOf(manifest.compression().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ArchiveException("unknown compression " + manifest.compression());
    }
  }

  static JsonNode parse(byte[] line) {
    try {
      return ArchiveJson.MAPPER.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException("a record is not JSON", e);
    }
  }
}
