package dev.trovekeeper.migration;

import java.util.List;

/**
 * What a migration would do, computed without writing anything: per table the rows to create and to
 * update, the foreign-key cycles and how each is broken, and the natural-key collisions.
 *
 * @param backupId the backup migrated
 * @param sourceDatasetId the dataset it was taken of (tenant A)
 * @param targetDatasetId the dataset written (tenant B)
 * @param tables per table in foreign-key order: rows, create, update, link (natural-key collisions
 *     linked to the target's row), blocked (not written), deferred (inserted with a cycle-closing
 *     reference NULL, updated afterwards); {@code fixed} is always 0 in a plan
 * @param cycles each cycle of the backup's tables and the references that break it
 * @param collisions natural-key collisions, at most 100
 * @param collisionCount every collision
 * @param rowsToCreate the sum of {@code create}
 * @param rowsToUpdate the sum of {@code update}
 */
public record MigrationPlan(
    String backupId,
    String sourceDatasetId,
    String targetDatasetId,
    List<TableCounts> tables,
    List<Cycle> cycles,
    List<Collision> collisions,
    long collisionCount,
    long rowsToCreate,
    long rowsToUpdate) {

  /**
   * A foreign-key cycle (a self-reference is a cycle of one table).
   *
   * @param tables its tables
   * @param brokenBy the references inserted NULL and set once the referenced row exists
   */
  public record Cycle(List<String> tables, List<BrokenReference> brokenBy) {}

  /**
   * A reference that breaks a cycle.
   *
   * @param table the referencing table
   * @param reference the constraint
   * @param columns its columns inserted NULL, then updated
   * @param referencedTable the table it references
   * @param rows rows of the table inserted that way (the table's {@code deferred} count)
   */
  public record BrokenReference(
      String table, String reference, List<String> columns, String referencedTable, long rows) {}
}
