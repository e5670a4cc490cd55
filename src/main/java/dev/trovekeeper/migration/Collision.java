package dev.trovekeeper.migration;

import java.util.List;

/**
 * A natural-key collision: a unique key other than the primary key whose values the target already
 * holds on another row.
 *
 * @param table the table
 * @param uniqueKey the unique index's name
 * @param columns its columns
 * @param values the row's values of them (as the archive holds them, references rewritten)
 * @param sourceKey the source row's key (a JSON array)
 * @param targetKey the key of the row the target holds with those values
 * @param otherTenant that row belongs to another tenant (the row is then not written)
 * @param action {@code LINK} (mapped to the target's row, left unchanged), {@code SKIP_INSERT}
 *     (another tenant's row) or {@code SKIP_UPDATE} (the mapped row would clash with another)
 */
public record Collision(
    String table,
    String uniqueKey,
    List<String> columns,
    List<String> values,
    String sourceKey,
    String targetKey,
    boolean otherTenant,
    String action) {}
