package dev.trovekeeper.source;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a source reader streams a dataset, in this order: {@link #begin} once, then per entity
 * {@link #entityStart}, its records (each followed by the media it references) and {@link
 * #entityEnd}. Entities come in the source's order (FK order for SQL) and records in a
 * deterministic order per entity. The archive writer implements it.
 */
public interface RecordSink {

  /** The schema snapshot of the whole read (entities, references, cycles), before any record. */
  void begin(SourceSchema schema);

  /** The records of {@code entity} follow. */
  void entityStart(EntitySchema entity);

  /**
   * How many records the current entity has, when the source says so (a REST total): for progress
   * only; the count at {@link #entityEnd} is what was read.
   */
  default void entityTotal(String entity, long total) {}

  /** One record of the current entity, as JSON. */
  void record(JsonNode record);

  /** A media file (image, attachment) the last record references. */
  void media(MediaRef media);

  /** The current entity is complete with {@code records} records. */
  void entityEnd(String entity, long records);
}
