package dev.trovekeeper.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link RecordSink} keeping everything it is given, checking the call order. */
public final class CollectingSink implements RecordSink {

  public SourceSchema schema;
  public final Map<String, List<JsonNode>> records = new LinkedHashMap<>();
  public final Map<String, Long> counts = new LinkedHashMap<>();
  public final List<MediaRef> media = new ArrayList<>();
  private String current;

  @Override
  public void begin(SourceSchema schema) {
    if (this.schema != null) {
      throw new IllegalStateException("begin twice");
    }
    this.schema = schema;
  }

  @Override
  public void entityStart(EntitySchema entity) {
    if (schema == null || current != null) {
      throw new IllegalStateException("entityStart out of order");
    }
    current = entity.name();
    records.put(current, new ArrayList<>());
  }

  @Override
  public void record(JsonNode record) {
    records.get(current).add(record);
  }

  @Override
  public void media(MediaRef ref) {
    if (!ref.entity().equals(current)) {
      throw new IllegalStateException("media of another entity");
    }
    media.add(ref);
  }

  @Override
  public void entityEnd(String entity, long count) {
    if (!entity.equals(current)) {
      throw new IllegalStateException("entityEnd of another entity");
    }
    counts.put(entity, count);
    current = null;
  }

  /** The ids of an entity's records (field {@code id}), in the order they came. */
  public List<Long> ids(String entity) {
    return records.get(entity).stream().map(r -> r.get("id").asLong()).toList();
  }

  public long total() {
    return records.values().stream().mapToLong(List::size).sum();
  }
}
