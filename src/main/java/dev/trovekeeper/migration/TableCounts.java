package dev.trovekeeper.migration;

/**
 * What a migration does (a run) or would do (a plan) to one table of the target tenant.
 *
 * @param table the table
 * @param rows the backup's rows of it
 * @param create rows inserted with a new key
 * @param update rows that exist in the target already (mapped by an earlier run) and are updated
 * @param link rows whose natural key (a unique key other than the primary key) the target tenant
 *     already has on another row: mapped to that row, which is left unchanged
 * @param blocked rows not written because a unique key clashes with a row of another tenant, or
 *     with another row of the target than the one they are mapped to (an update)
 * @param deferred rows inserted with a cycle-closing reference NULL, set once the referenced row
 *     exists
 * @param fixed deferred references set afterwards (a run only)
 */
public record TableCounts(
    String table,
    long rows,
    long create,
    long update,
    long link,
    long blocked,
    long deferred,
    long fixed) {

  /** Mutable counts while a table is processed. */
  static final class Counter {
    final String table;
    long rows;
    long create;
    long update;
    long link;
    long blocked;
    long deferred;
    long fixed;

    Counter(String table) {
      this.table = table;
    }

    TableCounts snapshot() {
      return new TableCounts(table, rows, create, update, link, blocked, deferred, fixed);
    }
  }
}
