package dev.trovekeeper.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.trovekeeper.archive.ArchiveReader;
import dev.trovekeeper.archive.RecordStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Carries one backup's rows of the source tenant into the target tenant, table by table in the
 * backup's foreign-key order, {@code batchSize} rows at a time (streamed: one batch in memory). The
 * same pass makes the dry-run plan ({@code dryRun}: it reads the target and the id map and writes
 * nothing) and the run, so the plan counts what the run does.
 *
 * <p>Per batch of a run: the id map first (derived and known keys; generated ones as in flight),
 * then one transaction on the target (inserts with the tenant column set to the target's value and
 * every reference rewritten, updates of rows mapped by an earlier run), then the generated keys
 * into the id map. A run that broke between the target's commit and the id map finds its in-flight
 * rows again by their content ({@link #adopt}), so it inserts nothing twice. Rows are only ever
 * inserted or updated in the target tenant; nothing is deleted, and the source tenant is never
 * touched (its rows come from the archive).
 */
final class Migrator {

  /** Collisions listed in a plan or run, at most (all are counted). */
  static final int COLLISIONS_LISTED = 100;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Hooks of a run: progress (both modes) and the point between target commit and id map. */
  interface Listener {
    /** After a batch; {@code rowsDone} counts every row handled so far (both passes). */
    void progress(String phase, long rowsDone);

    /** A batch was committed to the target; its new keys are not in the id map yet. */
    default void written(String table, long rowsDone) {}
  }

  /**
   * What the pass did or would do.
   *
   * @param tables counts per table, in order
   * @param collisions natural-key collisions, at most {@link #COLLISIONS_LISTED}
   * @param collisionCount every collision
   */
  record Result(List<TableCounts> tables, List<Collision> collisions, long collisionCount) {}

  private enum Action {
    CREATE,
    ADOPT,
    UPDATE,
    LINK,
    SKIP
  }

  private final class Row {
    final JsonNode source;
    final String sourceKey;
    final ObjectNode values;
    final Set<String> nulled = new HashSet<>();
    final Set<String> unresolved = new HashSet<>();
    boolean blocked;
    Action action;
    String targetKey;

    Row(JsonNode source, String sourceKey) {
      this.source = source;
      this.sourceKey = sourceKey;
      this.values = ((ObjectNode) source).deepCopy();
    }
  }

  private final ArchiveReader archive;
  private final Map<String, TableMapping> mappings;
  private final Map<String, TargetSchema.Table> tables;
  private final Connection target;
  private final String database;
  private final String tenantColumn;
  private final String tenant;
  private final IdMap map;
  private final boolean dryRun;
  private final long runId;
  private final int batchSize;
  private final Listener listener;
  private final Map<String, TableCounts.Counter> counts = new LinkedHashMap<>();
  private final Map<String, Set<String>> blockedKeys = new HashMap<>();
  private final List<Collision> collisions = new ArrayList<>();
  private long collisionCount;
  private long rowsDone;

  Migrator(
      ArchiveReader archive,
      Map<String, TableMapping> mappings,
      Map<String, TargetSchema.Table> tables,
      Connection target,
      String database,
      String tenantColumn,
      String tenant,
      IdMap map,
      boolean dryRun,
      long runId,
      int batchSize,
      Listener listener) {
    this.archive = archive;
    this.mappings = mappings;
    this.tables = tables;
    this.target = target;
    this.database = database;
    this.tenantColumn = tenantColumn;
    this.tenant = tenant;
    this.map = map;
    this.dryRun = dryRun;
    this.runId = runId;
    this.batchSize = batchSize;
    this.listener = listener;
  }

  /** Rows of the backup plus the second pass over tables with deferred references. */
  static long totalRows(ArchiveReader archive, Map<String, TableMapping> mappings, boolean run) {
    long total = 0;
    for (TableMapping m : mappings.values()) {
      long rows = archive.manifest().entity(m.table()).map(e -> e.records()).orElse(0L);
      total += rows * (run && m.hasDeferred() ? 2 : 1);
    }
    return total;
  }

  Result run() throws SQLException {
    mappings.keySet().forEach(t -> counts.put(t, new TableCounts.Counter(t)));
    for (TableMapping m : mappings.values()) {
      pass(m, false);
    }
    if (!dryRun) {
      for (TableMapping m : mappings.values()) {
        if (m.hasDeferred()) {
          pass(m, true);
        }
      }
    }
    return new Result(
        counts.values().stream().map(TableCounts.Counter::snapshot).toList(),
        List.copyOf(collisions),
        collisionCount);
  }

  private void pass(TableMapping m, boolean fixUp) throws SQLException {
    String phase = (fixUp ? "setting deferred references of " : "migrating ") + m.table();
    try (RecordStream<JsonNode> records = archive.records(m.table())) {
      List<JsonNode> batch = new ArrayList<>(batchSize);
      while (records.hasNext()) {
        batch.add(records.next());
        if (batch.size() == batchSize) {
          batch(m, batch, fixUp, phase);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        batch(m, batch, fixUp, phase);
      }
    }
  }

  private void batch(TableMapping m, List<JsonNode> batch, boolean fixUp, String phase)
      throws SQLException {
    List<Row> rows = new ArrayList<>(batch.size());
    for (JsonNode record : batch) {
      rows.add(new Row(record, key(record, m.keyColumns())));
    }
    if (fixUp) {
      fixUp(m, rows);
    } else {
      Map<String, IdMap.Entry> own =
          map.get(m.table(), rows.stream().map(r -> r.sourceKey).toList());
      rewrite(m, rows);
      TableCounts.Counter counter = counts.get(m.table());
      for (Row row : rows) {
        classify(m, row, own.get(row.sourceKey), counter);
      }
      counter.rows += rows.size();
      if (!dryRun) {
        write(m, rows);
      }
    }
    rowsDone += rows.size();
    listener.progress(phase, rowsDone);
  }

  /** The target's values of each row: tenant column set, references rewritten or deferred. */
  private void rewrite(TableMapping m, List<Row> rows) throws SQLException {
    String tenantName = tenantColumnOf(m.table());
    TableCounts.Counter counter = counts.get(m.table());
    for (TableMapping.Ref ref : m.references()) {
      Map<String, IdMap.Entry> targets = refTargets(ref, rows);
      Set<String> blockedParents = blockedKeys.getOrDefault(ref.table(), Set.of());
      for (Row row : rows) {
        String src = key(row.source, ref.columns());
        if (src == null) {
          continue;
        }
        IdMap.Entry entry = targets.get(src);
        // a deferred reference mapped by this very run is set by the second pass, as the plan says
        boolean usable =
            entry != null
                && entry.targetKey() != null
                && !(ref.deferred() && runId != 0 && entry.runId() == runId);
        if (blockedParents.contains(src)) {
          row.blocked = true;
        } else if (usable) {
          List<String> parts = parts(entry.targetKey());
          for (int i = 0; i < ref.columns().size(); i++) {
            row.values.put(ref.columns().get(i), parts.get(i));
          }
        } else if (ref.deferred()) {
          ref.columns().forEach(c -> row.values.putNull(c));
          row.nulled.addAll(ref.columns());
          counter.deferred++;
        } else if (dryRun) {
          row.unresolved.addAll(ref.columns()); // a row this run creates first
        } else {
          throw new MigrationException(
              "DANGLING_REFERENCE",
              "table "
                  + m.table()
                  + ", row "
                  + row.sourceKey
                  + ": reference "
                  + ref.name()
                  + " names "
                  + ref.table()
                  + " row "
                  + src
                  + ", which the backup does not hold");
        }
      }
    }
    rows.forEach(r -> r.values.put(tenantName, tenant));
  }

  private Map<String, IdMap.Entry> refTargets(TableMapping.Ref ref, List<Row> rows)
      throws SQLException {
    List<String> keys = new ArrayList<>();
    for (Row row : rows) {
      String k = key(row.source, ref.columns());
      if (k != null) {
        keys.add(k);
      }
    }
    return map.get(ref.table(), keys);
  }

  private void classify(TableMapping m, Row row, IdMap.Entry entry, TableCounts.Counter counter)
      throws SQLException {
    if (row.blocked) {
      block(m, row, counter);
      return;
    }
    boolean derived = m.generation() == TableMapping.Generation.DERIVED;
    String derivedKey =
        derived && m.keyColumns().stream().noneMatch(row.unresolved::contains)
            ? key(row.values, m.keyColumns())
            : null;
    if (entry != null && entry.linked() && entry.targetKey() != null) {
      row.action = Action.LINK; // the target tenant's own row: referenced, never written
      row.targetKey = entry.targetKey();
      counter.link++;
    } else if (entry != null && entry.targetKey() != null && exists(m, entry.targetKey())) {
      row.targetKey = entry.targetKey();
      updateOrBlock(m, row, counter);
    } else if (entry != null && entry.targetKey() == null && !derived && !dryRun) {
      row.targetKey = adopt(m, row);
      row.action = row.targetKey == null ? Action.CREATE : Action.ADOPT;
      counter.create++;
    } else if (derivedKey != null && exists(m, derivedKey)) {
      row.targetKey = derivedKey;
      updateOrBlock(m, row, counter);
    } else {
      Hit hit = uniqueHit(m, row, null);
      if (hit == null) {
        row.action = Action.CREATE;
        row.targetKey = derivedKey;
        counter.create++;
      } else if (hit.tenant()) {
        row.action = Action.LINK;
        row.targetKey = hit.key();
        counter.link++;
        collision(m, row, hit, "LINK");
      } else {
        collision(m, row, hit, "SKIP_INSERT");
        block(m, row, counter);
      }
    }
  }

  private void updateOrBlock(TableMapping m, Row row, TableCounts.Counter counter)
      throws SQLException {
    Hit hit = uniqueHit(m, row, row.targetKey);
    if (hit == null) {
      row.action = Action.UPDATE;
      counter.update++;
    } else {
      collision(m, row, hit, "SKIP_UPDATE");
      row.action = Action.SKIP;
      counter.blocked++;
    }
  }

  private void block(TableMapping m, Row row, TableCounts.Counter counter) {
    row.action = Action.SKIP;
    counter.blocked++;
    // rows referencing a row that is not written are not written either
    blockedKeys.computeIfAbsent(m.table(), k -> new HashSet<>()).add(row.sourceKey);
  }

  private void collision(TableMapping m, Row row, Hit hit, String action) {
    collisionCount++;
    if (collisions.size() < COLLISIONS_LISTED) {
      List<String> columns = tables.get(m.table()).uniqueKeys().get(hit.index());
      collisions.add(
          new Collision(
              m.table(),
              hit.index(),
              columns,
              columns.stream().map(c -> text(row.values.get(c))).toList(),
              row.sourceKey,
              hit.key(),
              !hit.tenant(),
              action));
    }
  }

  /** A row of the target with a unique key's values: its key and whether it is the tenant's. */
  private record Hit(String index, String key, boolean tenant) {}

  /**
   * The first row of the target (any tenant) that holds the row's values of a unique key other than
   * the primary key, other than {@code self}; null when there is none.
   */
  private Hit uniqueHit(TableMapping m, Row row, String self) throws SQLException {
    TargetSchema.Table table = tables.get(m.table());
    for (var uk : table.uniqueKeys().entrySet()) {
      List<String> columns = uk.getValue();
      boolean unknown =
          columns.stream()
              .anyMatch(
                  c ->
                      c.equals(m.generatedColumn())
                          || row.unresolved.contains(c)
                          || row.values.path(c).isNull()
                          || row.values.path(c).isMissingNode());
      if (unknown) {
        continue; // a new id, a row still to be created, or NULL: cannot clash
      }
      String tenantName = tenantColumnOf(m.table());
      List<String> keyColumns = m.keyColumns();
      String sql =
          "SELECT "
              + columnList(keyColumns)
              + ", "
              + quote(tenantName)
              + " FROM "
              + name(m.table())
              + " WHERE "
              + columns.stream().map(c -> quote(c) + " = ?").collect(Collectors.joining(" AND "))
              + " LIMIT 2";
      try (PreparedStatement ps = target.prepareStatement(sql)) {
        for (int i = 0; i < columns.size(); i++) {
          Values.bind(ps, i + 1, table.column(columns.get(i)), row.values.get(columns.get(i)));
        }
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            List<String> key = new ArrayList<>();
            for (int i = 0; i < keyColumns.size(); i++) {
              key.add(Values.keyText(rs, i + 1, table.column(keyColumns.get(i))));
            }
            String found = encode(key);
            boolean ours = tenant.equals(rs.getString(keyColumns.size() + 1));
            if (!(ours && found.equals(self))) {
              return new Hit(uk.getKey(), found, ours);
            }
          }
        }
      }
    }
    return null;
  }

  /** Whether the target tenant has the row with this key. */
  private boolean exists(TableMapping m, String key) throws SQLException {
    TargetSchema.Table table = tables.get(m.table());
    String sql =
        "SELECT 1 FROM "
            + name(m.table())
            + " WHERE "
            + quote(tenantColumnOf(m.table()))
            + " = ? AND "
            + m.keyColumns().stream()
                .map(c -> quote(c) + " = ?")
                .collect(Collectors.joining(" AND "))
            + " LIMIT 1";
    List<String> parts = parts(key);
    try (PreparedStatement ps = target.prepareStatement(sql)) {
      ps.setString(1, tenant);
      for (int i = 0; i < parts.size(); i++) {
        Values.bind(ps, i + 2, table.column(m.keyColumns().get(i)), TextNode.valueOf(parts.get(i)));
      }
      try (var rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * A row an interrupted attempt inserted before it could record its key: the target tenant's row
   * with the same values (the generated key and deferred references aside) that no other source row
   * is mapped to; null when there is none.
   */
  private String adopt(TableMapping m, Row row) throws SQLException {
    TargetSchema.Table table = tables.get(m.table());
    Set<String> skip = new HashSet<>();
    skip.add(m.generatedColumn());
    m.references().stream()
        .filter(TableMapping.Ref::deferred)
        .forEach(r -> skip.addAll(r.columns()));
    List<String> columns =
        table.columns().keySet().stream()
            .filter(c -> row.values.has(c) && !skip.contains(c))
            .toList();
    String sql =
        "SELECT "
            + quote(m.generatedColumn())
            + " FROM "
            + name(m.table())
            + " WHERE "
            + columns.stream().map(c -> quote(c) + " <=> ?").collect(Collectors.joining(" AND "))
            + " LIMIT 20";
    try (PreparedStatement ps = target.prepareStatement(sql)) {
      for (int i = 0; i < columns.size(); i++) {
        Values.bind(ps, i + 1, table.column(columns.get(i)), row.values.get(columns.get(i)));
      }
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          String candidate =
              encode(List.of(Values.keyText(rs, 1, table.column(m.generatedColumn()))));
          if (!map.targetTaken(m.table(), candidate)) {
            return candidate;
          }
        }
      }
    }
    return null;
  }

  private void write(TableMapping m, List<Row> rows) throws SQLException {
    Map<String, String> known = new LinkedHashMap<>();
    Map<String, String> linked = new LinkedHashMap<>();
    List<String> inFlight = new ArrayList<>();
    for (Row row : rows) {
      switch (row.action) {
        case UPDATE, ADOPT -> known.put(row.sourceKey, row.targetKey);
        case LINK -> linked.put(row.sourceKey, row.targetKey);
        case CREATE -> {
          if (m.generation() == TableMapping.Generation.DERIVED) {
            row.targetKey = key(row.values, m.keyColumns());
            known.put(row.sourceKey, row.targetKey);
          } else {
            inFlight.add(row.sourceKey);
          }
        }
        case SKIP -> {}
      }
    }
    // the id map before the target: a broken run finds what it was about to write
    map.pending(m.table(), inFlight, runId);
    map.put(m.table(), known, runId, false);
    map.put(m.table(), linked, runId, true);
    Map<String, String> created = new LinkedHashMap<>();
    boolean auto = target.getAutoCommit();
    target.setAutoCommit(false);
    try {
      insert(m, rows.stream().filter(r -> r.action == Action.CREATE).toList(), created);
      update(m, rows.stream().filter(r -> r.action == Action.UPDATE).toList());
      target.commit();
    } catch (SQLException | RuntimeException e) {
      target.rollback();
      throw e;
    } finally {
      target.setAutoCommit(auto);
    }
    listener.written(m.table(), rowsDone + rows.size());
    map.put(m.table(), created, runId, false);
  }

  private void insert(TableMapping m, List<Row> rows, Map<String, String> created)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    TargetSchema.Table table = tables.get(m.table());
    String generated = m.generatedColumn();
    boolean autoIncrement = m.generation() == TableMapping.Generation.AUTO_INCREMENT;
    if (m.generation() == TableMapping.Generation.NEXT_NUMBER) {
      java.math.BigInteger next = nextNumber(m.table(), generated);
      for (Row row : rows) {
        row.values.put(generated, next.toString());
        next = next.add(java.math.BigInteger.ONE);
      }
    } else if (m.generation() == TableMapping.Generation.UUID) {
      rows.forEach(r -> r.values.put(generated, java.util.UUID.randomUUID().toString()));
    }
    List<String> columns =
        table.columns().keySet().stream()
            .filter(c -> rows.get(0).values.has(c) && !(autoIncrement && c.equals(generated)))
            .toList();
    String sql =
        "INSERT INTO "
            + name(m.table())
            + " ("
            + columnList(columns)
            + ") VALUES ("
            + "?,".repeat(columns.size() - 1)
            + "?)";
    try (PreparedStatement ps =
        autoIncrement
            ? target.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
            : target.prepareStatement(sql)) {
      for (Row row : rows) {
        for (int i = 0; i < columns.size(); i++) {
          Values.bind(ps, i + 1, table.column(columns.get(i)), row.values.get(columns.get(i)));
        }
        if (autoIncrement) {
          ps.executeUpdate(); // one by one: each row's generated key
          try (var keys = ps.getGeneratedKeys()) {
            keys.next();
            row.targetKey = encode(List.of(keys.getBigDecimal(1).toBigInteger().toString()));
          }
        } else {
          ps.addBatch();
        }
      }
      if (!autoIncrement) {
        ps.executeBatch();
      }
    }
    if (generated != null) {
      for (Row row : rows) {
        if (!autoIncrement) {
          row.targetKey = key(row.values, m.keyColumns());
        }
        created.put(row.sourceKey, row.targetKey);
      }
    }
  }

  private java.math.BigInteger nextNumber(String table, String column) throws SQLException {
    try (var s = target.createStatement();
        var rs =
            s.executeQuery(
                "SELECT COALESCE(MAX(" + quote(column) + "), 0) + 1 FROM " + name(table))) {
      rs.next();
      return rs.getBigDecimal(1).toBigInteger();
    }
  }

  private void update(TableMapping m, List<Row> rows) throws SQLException {
    TargetSchema.Table table = tables.get(m.table());
    String tenantName = tenantColumnOf(m.table());
    Map<List<String>, PreparedStatement> statements = new HashMap<>();
    try {
      for (Row row : rows) {
        List<String> set =
            table.columns().keySet().stream()
                .filter(
                    c ->
                        row.values.has(c)
                            && !c.equals(tenantName)
                            && !m.keyColumns().contains(c)
                            && !row.nulled.contains(c))
                .toList();
        if (set.isEmpty()) {
          continue;
        }
        PreparedStatement ps = statements.get(set);
        if (ps == null) {
          ps =
              target.prepareStatement(
                  "UPDATE "
                      + name(m.table())
                      + " SET "
                      + set.stream().map(c -> quote(c) + " = ?").collect(Collectors.joining(", "))
                      + " WHERE "
                      + quote(tenantName)
                      + " = ? AND "
                      + m.keyColumns().stream()
                          .map(c -> quote(c) + " = ?")
                          .collect(Collectors.joining(" AND ")));
          statements.put(set, ps);
        }
        int i = 1;
        for (String c : set) {
          Values.bind(ps, i++, table.column(c), row.values.get(c));
        }
        ps.setString(i++, tenant);
        List<String> parts = parts(row.targetKey);
        for (int k = 0; k < parts.size(); k++) {
          Values.bind(ps, i++, table.column(m.keyColumns().get(k)), TextNode.valueOf(parts.get(k)));
        }
        ps.addBatch();
      }
      for (PreparedStatement ps : statements.values()) {
        ps.executeBatch();
      }
    } finally {
      for (PreparedStatement ps : statements.values()) {
        ps.close();
      }
    }
  }

  /** Second pass: sets the deferred references of the rows inserted with them NULL. */
  private void fixUp(TableMapping m, List<Row> rows) throws SQLException {
    TargetSchema.Table table = tables.get(m.table());
    String tenantName = tenantColumnOf(m.table());
    Map<String, IdMap.Entry> own = map.get(m.table(), rows.stream().map(r -> r.sourceKey).toList());
    long fixed = 0;
    boolean auto = target.getAutoCommit();
    target.setAutoCommit(false);
    try {
      for (TableMapping.Ref ref : m.references()) {
        if (!ref.deferred()) {
          continue;
        }
        Map<String, IdMap.Entry> targets = refTargets(ref, rows);
        String sql =
            "UPDATE "
                + name(m.table())
                + " SET "
                + ref.columns().stream()
                    .map(c -> quote(c) + " = ?")
                    .collect(Collectors.joining(", "))
                + " WHERE "
                + quote(tenantName)
                + " = ? AND "
                + m.keyColumns().stream()
                    .map(c -> quote(c) + " = ?")
                    .collect(Collectors.joining(" AND "))
                + " AND "
                + quote(ref.columns().get(0))
                + " IS NULL";
        try (PreparedStatement ps = target.prepareStatement(sql)) {
          boolean any = false;
          for (Row row : rows) {
            IdMap.Entry self = own.get(row.sourceKey);
            String src = key(row.source, ref.columns());
            IdMap.Entry parent = src == null ? null : targets.get(src);
            if (self == null
                || self.targetKey() == null
                || parent == null
                || parent.targetKey() == null) {
              continue;
            }
            int i = 1;
            List<String> parts = parts(parent.targetKey());
            for (int k = 0; k < parts.size(); k++) {
              Values.bind(
                  ps, i++, table.column(ref.columns().get(k)), TextNode.valueOf(parts.get(k)));
            }
            ps.setString(i++, tenant);
            List<String> key = parts(self.targetKey());
            for (int k = 0; k < key.size(); k++) {
              Values.bind(
                  ps, i++, table.column(m.keyColumns().get(k)), TextNode.valueOf(key.get(k)));
            }
            ps.addBatch();
            any = true;
          }
          if (any) {
            for (int n : ps.executeBatch()) {
              fixed += Math.max(0, n);
            }
          }
        }
      }
      target.commit();
    } catch (SQLException | RuntimeException e) {
      target.rollback();
      throw e;
    } finally {
      target.setAutoCommit(auto);
    }
    counts.get(m.table()).fixed += fixed;
  }

  private String tenantColumnOf(String table) {
    return tables.get(table).columns().keySet().stream()
        .filter(c -> c.equalsIgnoreCase(tenantColumn))
        .findFirst()
        .orElseThrow(
            () ->
                new MigrationException(
                    "TARGET_SCHEMA_CHANGED", "table " + table + " has no column " + tenantColumn));
  }

  private String name(String table) {
    return quote(database) + "." + quote(table);
  }

  private static String columnList(List<String> columns) {
    return columns.stream().map(Migrator::quote).collect(Collectors.joining(", "));
  }

  static String quote(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  /** The key of {@code columns} of a record as a JSON array of texts; null if any is NULL. */
  static String key(JsonNode record, List<String> columns) {
    List<String> parts = new ArrayList<>(columns.size());
    for (String c : columns) {
      JsonNode v = record.get(c);
      if (v == null || v.isNull()) {
        return null;
      }
      parts.add(v.asText());
    }
    return encode(parts);
  }

  static String encode(List<String> parts) {
    ArrayNode array = JSON.createArrayNode();
    parts.forEach(array::add);
    String key = array.toString();
    if (key.length() > 512) {
      throw new MigrationException("KEY_TOO_LONG", "a row key is longer than 512 characters");
    }
    return key;
  }

  static List<String> parts(String key) {
    try {
      List<String> parts = new ArrayList<>();
      JSON.readTree(key).forEach(n -> parts.add(n.asText()));
      return parts;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an id map key is not JSON: " + key, e);
    }
  }

  private static String text(JsonNode value) {
    return value == null || value.isNull() ? null : value.asText();
  }
}
