package dev.trovekeeper.migration;

import dev.trovekeeper.source.EntitySchema;
import dev.trovekeeper.source.Reference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one table's rows are carried from the source tenant to the target tenant: its key without the
 * tenant column, how a new key is made, and its references with the columns to rewrite. Built from
 * the backup's schema snapshot and the target's metadata. Pure: no I/O.
 *
 * @param table the table
 * @param position its place in foreign-key order (0 first)
 * @param keyColumns the primary key without the tenant column (what the id map keys rows by)
 * @param generation how the target row's key is made
 * @param references the references to rewrite through the id map
 */
record TableMapping(
    String table,
    int position,
    List<String> keyColumns,
    Generation generation,
    List<Ref> references) {

  /** How the target key is made. */
  enum Generation {
    /** The key is kept, its referencing columns rewritten (e.g. order_id + line_no). */
    DERIVED,
    /** The database's AUTO_INCREMENT assigns it. */
    AUTO_INCREMENT,
    /** The next number after the column's largest value (an integer key without AUTO_INCREMENT). */
    NEXT_NUMBER,
    /** A random UUID (a text key of at least 36 characters). */
    UUID
  }

  /**
   * A reference to rewrite.
   *
   * @param name the constraint's name
   * @param columns the referencing columns without the tenant column, in the order of the
   *     referenced table's key columns
   * @param table the referenced table
   * @param deferred the referenced table comes at or after this one (a cycle or a self-reference):
   *     a row whose referenced row is not mapped yet is inserted with these columns NULL and
   *     updated once it is
   */
  record Ref(String name, List<String> columns, String table, boolean deferred) {}

  /** The generated column, or null for {@link Generation#DERIVED}. */
  String generatedColumn() {
    return generation == Generation.DERIVED ? null : keyColumns.get(0);
  }

  boolean hasDeferred() {
    return references.stream().anyMatch(Ref::deferred);
  }

  /**
   * The mapping of every table of the backup, in its order.
   *
   * @throws MigrationException when the target's key differs from the backup's, a reference points
   *     at something other than a table's key, or a cycle has no nullable column to break it
   */
  static Map<String, TableMapping> of(
      List<EntitySchema> entities, Map<String, TargetSchema.Table> target, String tenantColumn) {
    Map<String, Integer> positions = new HashMap<>();
    Map<String, List<String>> keys = new HashMap<>();
    for (EntitySchema e : entities) {
      positions.put(e.name(), positions.size());
      TargetSchema.Table t = target.get(e.name());
      List<String> pk = without(t.primaryKey(), tenantColumn);
      if (pk.isEmpty() || !pk.equals(without(e.idFields(), tenantColumn))) {
        throw new MigrationException(
            "TARGET_SCHEMA_CHANGED",
            "table " + e.name() + ": the primary key is not the backup's " + e.idFields());
      }
      keys.put(e.name(), pk);
    }
    Map<String, TableMapping> result = new LinkedHashMap<>();
    for (EntitySchema e : entities) {
      int position = positions.get(e.name());
      List<Ref> refs = new ArrayList<>();
      for (Reference r : e.references()) {
        Integer at = positions.get(r.entity());
        if (at == null) {
          continue; // a table outside the dataset: not the migration's to remap
        }
        refs.add(ref(e.name(), r, keys.get(r.entity()), at >= position, target, tenantColumn));
      }
      List<String> key = keys.get(e.name());
      result.put(
          e.name(),
          new TableMapping(
              e.name(), position, key, generation(target.get(e.name()), key, refs), refs));
    }
    return result;
  }

  private static Ref ref(
      String table,
      Reference r,
      List<String> referencedKey,
      boolean deferred,
      Map<String, TargetSchema.Table> target,
      String tenantColumn) {
    Map<String, String> byTarget = new HashMap<>();
    for (int i = 0; i < r.fields().size(); i++) {
      if (!r.targetFields().get(i).equals(tenantColumn)) {
        byTarget.put(r.targetFields().get(i), r.fields().get(i));
      }
    }
    if (!byTarget.keySet().equals(new java.util.HashSet<>(referencedKey))) {
      throw new MigrationException(
          "REFERENCE_UNSUPPORTED",
          "table "
              + table
              + ": reference "
              + r.name()
              + " points at columns of "
              + r.entity()
              + " other than its primary key");
    }
    List<String> columns = referencedKey.stream().map(byTarget::get).toList();
    if (deferred) {
      for (String c : columns) {
        if (!target.get(table).column(c).nullable()) {
          throw new MigrationException(
              "CYCLE_UNBREAKABLE",
              "table "
                  + table
                  + ": reference "
                  + r.name()
                  + " closes a cycle but column "
                  + c
                  + " is NOT NULL, so no row can be inserted before the row it references");
        }
      }
    }
    return new Ref(r.name(), columns, r.entity(), deferred);
  }

  private static Generation generation(TargetSchema.Table table, List<String> key, List<Ref> refs) {
    if (key.size() != 1 || refs.stream().anyMatch(r -> r.columns().contains(key.get(0)))) {
      return Generation.DERIVED;
    }
    TargetSchema.Column column = table.column(key.get(0));
    if (column.autoIncrement()) {
      return Generation.AUTO_INCREMENT;
    }
    if (Values.integer(column)) {
      return Generation.NEXT_NUMBER;
    }
    return Values.uuidText(column) ? Generation.UUID : Generation.DERIVED;
  }

  private static List<String> without(List<String> columns, String tenantColumn) {
    return columns.stream().filter(c -> !c.equalsIgnoreCase(tenantColumn)).toList();
  }
}
