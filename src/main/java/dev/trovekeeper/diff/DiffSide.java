package dev.trovekeeper.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.archive.ArchiveReader;
import dev.trovekeeper.archive.Manifest;
import dev.trovekeeper.archive.RecordStream;
import dev.trovekeeper.source.EntitySchema;
import dev.trovekeeper.source.MediaRef;
import dev.trovekeeper.source.RecordSink;
import dev.trovekeeper.source.SourceSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One side of a diff read into one {@link SortedRecords} per entity, in the side's entity order: a
 * backup (from its archive, entities and id fields from its manifest) or the live data (from the
 * dataset's source through the backup's own readers, a {@link RecordSink}).
 */
final class DiffSide implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the records of a side into {@code sink}. */
  interface Reader {
    void read(RecordSink sink) throws InterruptedException;
  }

  /** Told of every record read (progress, cancellation). */
  interface Listener {
    void entity(String name);

    void record();
  }

  private final Map<String, SortedRecords> entities = new LinkedHashMap<>();

  private DiffSide() {}

  Map<String, SortedRecords> entities() {
    return entities;
  }

  long records() {
    return entities.values().stream().mapToLong(SortedRecords::count).sum();
  }

  /** Reads {@code reader}'s records, sorting them on disk under {@code dir}. */
  static DiffSide read(Reader reader, Path dir, long chunkBytes, Listener listener)
      throws InterruptedException {
    DiffSide side = new DiffSide();
    try {
      reader.read(side.new Sorting(dir, chunkBytes, listener));
      return side;
    } catch (RuntimeException | InterruptedException e) {
      side.close();
      throw e;
    }
  }

  /** A backup's records, as a {@link Reader}: entity by entity in manifest order. */
  static Reader archive(ArchiveReader archive) {
    return archive(archive, null);
  }

  /**
   * A backup's records, each through {@code rewrite} (entity, record; null: as stored), as a {@link
   * Reader}.
   */
  static Reader archive(
      ArchiveReader archive, java.util.function.BiFunction<String, JsonNode, JsonNode> rewrite) {
    return sink -> {
      Manifest manifest = archive.manifest();
      Map<String, List<String>> ids = idFields(manifest.schema());
      for (Manifest.Entity entity : manifest.entities()) {
        sink.entityStart(
            new EntitySchema(
                entity.name(),
                ids.getOrDefault(entity.name(), List.of("id")),
                null,
                List.of(),
                List.of(),
                Map.of()));
        long records = 0;
        try (RecordStream<JsonNode> stream = archive.records(entity.name())) {
          while (stream.hasNext()) {
            JsonNode record = stream.next();
            sink.record(rewrite == null ? record : rewrite.apply(entity.name(), record));
            records++;
          }
        }
        sink.entityEnd(entity.name(), records);
      }
    };
  }

  /** The id fields per entity of a manifest's schema snapshot ({@code entities[].idFields}). */
  static Map<String, List<String>> idFields(JsonNode schema) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (schema == null) {
      return out;
    }
    for (JsonNode entity : schema.path("entities")) {
      List<String> fields = new ArrayList<>();
      entity.path("idFields").forEach(f -> fields.add(f.asText()));
      if (!fields.isEmpty()) {
        out.put(entity.path("name").asText(), fields);
      }
    }
    return out;
  }

  @Override
  public void close() {
    entities.values().forEach(SortedRecords::close);
  }

  /** Sorts each entity's records as they come. */
  private final class Sorting implements RecordSink {
    private final Path dir;
    private final long chunkBytes;
    private final Listener listener;
    private SortedRecords current;
    private List<String> idFields;

    Sorting(Path dir, long chunkBytes, Listener listener) {
      this.dir = dir;
      this.chunkBytes = chunkBytes;
      this.listener = listener;
    }

    @Override
    public void begin(SourceSchema schema) {}

    @Override
    public void entityStart(EntitySchema entity) {
      idFields = entity.idFields().isEmpty() ? List.of("id") : entity.idFields();
      current = new SortedRecords(dir, chunkBytes);
      SortedRecords earlier = entities.put(entity.name(), current);
      if (earlier != null) {
        earlier.close();
      }
      listener.entity(entity.name());
    }

    @Override
    public void record(JsonNode record) {
      try {
        current.add(RecordKeys.of(record, idFields), JSON.writeValueAsBytes(record));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      listener.record();
    }

    @Override
    public void media(MediaRef media) {
      // media are compared through the URLs the records hold
    }

    @Override
    public void entityEnd(String entity, long records) {
      current.seal();
    }
  }
}
