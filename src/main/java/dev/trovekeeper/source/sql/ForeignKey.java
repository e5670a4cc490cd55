package dev.trovekeeper.source.sql;

import java.util.List;

/**
 * A foreign key between two of the source's tables, as the database metadata declares it.
 *
 * @param name the constraint's name
 * @param table the referencing (child) table
 * @param columns its columns, in key order
 * @param referencedTable the referenced (parent) table
 * @param referencedColumns the referenced columns, in key order
 */
public record ForeignKey(
    String name,
    String table,
    List<String> columns,
    String referencedTable,
    List<String> referencedColumns) {

  public ForeignKey {
    columns = List.copyOf(columns);
    referencedColumns = List.copyOf(referencedColumns);
  }
}
