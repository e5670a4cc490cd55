package dev.trovekeeper.source;

import java.util.List;

/**
 * What a read covers, for the archive's manifest.
 *
 * @param kind {@code REST} or {@code SQL}
 * @param entities the entities in the order they are read
 * @param cycles groups of entities whose references form a cycle (SQL: FK cycles), each sorted;
 *     empty when there are none
 */
public record SourceSchema(String kind, List<EntitySchema> entities, List<List<String>> cycles) {

  public SourceSchema {
    entities = List.copyOf(entities);
    cycles = cycles.stream().map(List::copyOf).toList();
  }
}
