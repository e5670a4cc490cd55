package dev.trovekeeper.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trovekeeper.storage.ObjectKey;
import dev.trovekeeper.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes the records of one entity as JSON Lines, one record at a time; each part is uploaded as
 * soon as it reaches the part size. Not thread-safe: one thread writes one entity (different
 * entities of an archive may be written by different threads).
 */
public final class EntityWriter implements AutoCloseable {

  private final ObjectStore store;
  private final ArchiveSettings settings;
  private final ArchiveId id;
  private final String name;
  private final Consumer<Manifest.Entity> onClose;
  private final List<Manifest.Part> parts = new ArrayList<>();
  private PartSink current;
  private long records;
  private long uncompressedBytes;
  private boolean closed;

  EntityWriter(
      ObjectStore store,
      ArchiveSettings settings,
      ArchiveId id,
      String name,
      Consumer<Manifest.Entity> onClose) {
    this.store = store;
    this.settings = settings;
    this.id = id;
    this.name = ArchiveKeys.requireEntity(name);
    this.onClose = onClose;
  }

  /** Appends one record, serialized as one line of compact JSON. */
  public void write(JsonNode record) {
    try {
      write(ArchiveJson.MAPPER.writeValueAsBytes(record));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("record cannot be serialized: " + e.getMessage(), e);
    }
  }

  /**
   * Appends one record given as UTF-8 JSON (one value, no line break: a line break would split it
   * into two records on reading, so it is refused).
   */
  public void write(byte[] json) {
    if (closed) {
      throw new IllegalStateException("entity " + name + " is closed");
    }
    for (byte b : json) {
      if (b == '\n' || b == '\r') {
        throw new IllegalArgumentException("a record must be one line of JSON");
      }
    }
    try {
      if (current == null) {
        current = new PartSink(settings);
      }
      current.write(json, json.length);
      records++;
      if (current.compressedBytes() >= settings.partSize()) {
        upload();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing a part of " + name + " failed", e);
    }
  }

  /** The entity's name. */
  public String name() {
    return name;
  }

  /** Records written so far. */
  public long records() {
    return records;
  }

  /** Uploads the last part and hands the entity's entry to the archive. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      if (current != null) {
        upload();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing the last part of " + name + " failed", e);
    }
    closed = true;
    onClose.accept(new Manifest.Entity(name, records, uncompressedBytes, List.copyOf(parts)));
  }

  /** Drops the part being written, after a failure. */
  void discard() {
    closed = true;
    if (current != null) {
      current.discard();
      current = null;
    }
  }

  private void upload() throws IOException {
    PartSink sink = current;
    current = null;
    PartSink.Finished part;
    try {
      part = sink.finish();
    } catch (IOException | RuntimeException e) {
      sink.discard();
      throw e;
    }
    try (StagedFile file = part.file()) {
      int index = parts.size() + 1;
      ObjectKey key = ArchiveKeys.part(id, name, index, settings.compression());
      file.upload(
          store, key, part.size(), settings.compression().contentType(), settings.uploadAttempts());
      parts.add(new Manifest.Part(index, key.value(), sink.records(), part.size(), part.sha256()));
      uncompressedBytes += part.uncompressedBytes();
    }
  }
}
