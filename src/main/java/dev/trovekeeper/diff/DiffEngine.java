package dev.trovekeeper.diff;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Compares two sides already read and sorted ({@link DiffSide}), entity by entity: the base's
 * entities in its order, then those only the other side has. An entity one side lacks counts all
 * its objects as ADDED or REMOVED. Memory: one record per side (the sides are on disk).
 */
final class DiffEngine {

  private DiffEngine() {}

  /** The counts per entity, in comparison order. */
  static Map<String, DiffMerge.Counts> compare(
      DiffSide base, DiffSide other, ChangeSink sink, DiffMerge.Tick tick) {
    Set<String> names = new LinkedHashSet<>(base.entities().keySet());
    names.addAll(other.entities().keySet());
    Map<String, DiffMerge.Counts> counts = new LinkedHashMap<>();
    for (String entity : names) {
      counts.put(
          entity, DiffMerge.merge(entity, sorted(base, entity), sorted(other, entity), sink, tick));
    }
    return counts;
  }

  private static Iterator<SortedRecords.Entry> sorted(DiffSide side, String entity) {
    SortedRecords records = side.entities().get(entity);
    return records == null ? Collections.emptyIterator() : records.sorted();
  }
}
