package dev.trovekeeper.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A fleet of targets written straight into the service's tables for the schedule-engine benchmarks,
 * in-process ({@link ScheduleEngineBenchmark}) or against replicas in their own processes ({@code
 * ScheduleCapacityBenchmarkIT}): N {@code DATASET} targets of one project (the reconcile leaves
 * them alone) with schedules that are not due, then moved to their due times in one statement, as
 * the anchors do, so inserting is not part of the lateness. Firing is measured from the runs the
 * engine creates: lateness is {@code runs.created_at - runs.slot_at}, and every target must fire
 * exactly once per slot.
 */
public final class FiringFleet {

  /** Where the fleet's connections come from (a pool in-process, the driver in an IT). */
  @FunctionalInterface
  public interface Connections {
    Connection open() throws SQLException;
  }

  private static final int INSERT_CHUNK = 50_000;

  private final Connections db;
  private final String project;
  private final long firstId;
  private final long lastId;
  private final long[] ids;
  private final long insertMs;

  private FiringFleet(
      Connections db, String project, long firstId, long lastId, long[] ids, long insertMs) {
    this.db = db;
    this.project = project;
    this.firstId = firstId;
    this.lastId = lastId;
    this.ids = ids;
    this.insertMs = insertMs;
  }

  /**
   * Inserts {@code n} targets of {@code project} with enabled schedules due a day from now (so
   * nothing fires yet), under {@code policyId} (null: the effective policy decides), marked as
   * already backed up once (slots as the policy says, no first-backup rule). Uses MariaDB's
   * sequence engine: a million rows take about a minute, not an hour of JDBC batches.
   */
  public static FiringFleet insert(Connections db, String project, Long policyId, int n)
      throws SQLException {
    long start = System.nanoTime();
    try (Connection c = db.open()) {
      c.setAutoCommit(false);
      try (PreparedStatement targets =
              c.prepareStatement(
                  "INSERT INTO targets (kind, project_id, external_id, name, status,"
                      + " discovered_by, created_at, updated_at) SELECT 'DATASET', ?,"
                      + " CONCAT(?, '-', seq), CONCAT('bench-', seq), 'ACTIVE', 'API', NOW(6),"
                      + " NOW(6) FROM seq_1_to_"
                      + n
                      + " WHERE seq BETWEEN ? AND ? ORDER BY seq");
          PreparedStatement schedules =
              c.prepareStatement(
                  "INSERT INTO schedules (target_id, policy_id, next_fire_at, enabled, created_at,"
                      + " updated_at, last_slot_at) SELECT id, ?, NOW(6) + INTERVAL 1 DAY, TRUE,"
                      + " NOW(6), NOW(6), NOW(6) FROM targets WHERE project_id = ? AND id > ?"
                      + " ORDER BY id")) {
        long after = 0;
        for (int from = 1; from <= n; from += INSERT_CHUNK) {
          targets.setString(1, project);
          targets.setString(2, project);
          targets.setInt(3, from);
          targets.setInt(4, Math.min(n, from + INSERT_CHUNK - 1));
          targets.executeUpdate();
          if (policyId == null) {
            schedules.setNull(1, java.sql.Types.BIGINT);
          } else {
            schedules.setLong(1, policyId);
          }
          schedules.setString(2, project);
          schedules.setLong(3, after);
          schedules.executeUpdate();
          c.commit();
          after = lastTargetId(c, project);
        }
      }
      long[] ids = targetIds(c, project);
      if (ids.length != n) {
        throw new IllegalStateException(ids.length + " targets inserted, " + n + " expected");
      }
      return new FiringFleet(
          db, project, ids[0], ids[n - 1], ids, (System.nanoTime() - start) / 1_000_000);
    }
  }

  /**
   * Target {@code i} due at {@code t0 + i * window / N} (the anchors' spacing), once each. By rank
   * in id order, not by id: a bulk insert leaves auto-increment gaps, which would stretch the
   * window and lower the offered rate.
   */
  public void dueUniformly(long t0Millis, long windowMs) throws SQLException {
    // In chunks: one statement over hundreds of thousands of rows outgrows InnoDB's lock table
    // with the default 128 MiB buffer pool.
    try (Connection c = db.open();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE schedules s JOIN (SELECT target_id, ROW_NUMBER() OVER (ORDER BY target_id)"
                    + " - 1 + ? AS i FROM schedules WHERE target_id BETWEEN ? AND ?) r"
                    + " ON r.target_id = s.target_id"
                    + " SET s.next_fire_at = TIMESTAMPADD(MICROSECOND, ? * r.i, ?)")) {
      for (int from = 0; from < ids.length; from += INSERT_CHUNK) {
        int to = Math.min(ids.length, from + INSERT_CHUNK) - 1;
        s.setInt(1, from);
        s.setLong(2, ids[from]);
        s.setLong(3, ids[to]);
        s.setLong(4, windowMs * 1000 / ids.length);
        s.setTimestamp(5, timestamp(t0Millis));
        s.executeUpdate();
      }
    }
  }

  /** Every target due at {@code t0} (a cron burst). */
  public void dueAt(long t0Millis) throws SQLException {
    try (Connection c = db.open();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE schedules SET next_fire_at = ? WHERE target_id BETWEEN ? AND ?")) {
      s.setTimestamp(1, timestamp(t0Millis));
      s.setLong(2, firstId);
      s.setLong(3, lastId);
      s.executeUpdate();
    }
  }

  /** Waits until {@code expected} runs exist or {@code maxWait} after the last due time. */
  public void awaitRuns(long expected, long lastDue, Duration maxWait) throws Exception {
    long deadline = lastDue + maxWait.toMillis();
    long nextLog = System.currentTimeMillis() + 10_000;
    long count;
    while ((count = runs()) < expected && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      if (System.currentTimeMillis() >= nextLog) {
        nextLog += 10_000;
        System.out.printf("BENCH progress %d/%d%n", count, expected);
      }
    }
    Thread.sleep(1000); // a duplicate would show up now
  }

  /**
   * The anchors' TSV columns (bench-anchors Bench.java) for one workload: lateness percentiles,
   * fired, duplicates and missing slots, drain.
   */
  public Map<String, Object> stats(
      String mode, int rounds, long t0, String variant, String settings) throws SQLException {
    int n = ids.length;
    List<long[]> rows = new ArrayList<>(n * rounds); // slot ms, fire ms, target id
    try (Connection c = db.open();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT target_id, TIMESTAMPDIFF(MICROSECOND, '1970-01-01', slot_at),"
                    + " TIMESTAMPDIFF(MICROSECOND, '1970-01-01', created_at)"
                    + " FROM runs WHERE project_id = ?")) {
      s.setString(1, project);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(new long[] {rs.getLong(2) / 1000, rs.getLong(3) / 1000, rs.getLong(1)});
        }
      }
    }
    long[] lateness = rows.stream().mapToLong(r -> r[1] - r[0]).sorted().toArray();
    long first = rows.stream().mapToLong(r -> r[1]).min().orElse(-1);
    long last = rows.stream().mapToLong(r -> r[1]).max().orElse(-1);
    long[] roundMax = new long[rounds];
    Map<Long, Integer> perTarget = new HashMap<>();
    for (long[] r : rows) {
      perTarget.merge(r[2], 1, Integer::sum);
      int round = (int) ((r[0] - t0) / 60_000);
      if (round >= 0 && round < rounds) {
        roundMax[round] = Math.max(roundMax[round], r[1] - r[0]);
      }
    }
    int dup = 0;
    int missing = 0;
    for (long id : ids) {
      int count = perTarget.getOrDefault(id, 0);
      dup += Math.max(0, count - rounds);
      missing += Math.max(0, rounds - count);
    }
    int fired = rows.size();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("engine", "keeper");
    r.put("variant", variant);
    r.put("mode", mode);
    r.put("n", n);
    r.put("run", 1);
    r.put("expected", n * rounds);
    r.put("fired", fired);
    r.put("dup", dup);
    r.put("missing", missing);
    r.put("timed_out", fired < n * rounds);
    r.put("insert_ms", insertMs);
    r.put("insert_per_s", n * 1000L / Math.max(1, insertMs));
    r.put("t0_to_last_ms", fired > 0 ? last - t0 : -1);
    r.put("first_to_last_ms", fired > 0 ? last - first : -1);
    // cron: the burst drain rate, N / (last fire - due) per minute, averaged (as the anchors'
    // summary); a burst fired in one batch shares one created_at, so first-to-last says nothing
    double rate =
        mode.equals("cron")
            ? Arrays.stream(roundMax).mapToDouble(m -> n * 1000.0 / Math.max(1, m)).sum() / rounds
            : fired * 1000.0 / Math.max(1, last - first);
    r.put("fires_per_s", fired > 1 ? String.format("%.1f", rate) : "0");
    r.put("p50_ms", percentile(lateness, 50));
    r.put("p95_ms", percentile(lateness, 95));
    r.put("p99_ms", percentile(lateness, 99));
    r.put("max_ms", fired > 0 ? lateness[fired - 1] : -1);
    r.put("misfires", "n/a");
    r.put("late_gt_60s", Arrays.stream(lateness).filter(x -> x > 60_000).count());
    r.put("per_instance", fired + "/0");
    r.put(
        "round_max_ms",
        mode.equals("cron")
            ? Arrays.stream(roundMax).mapToObj(String::valueOf).collect(Collectors.joining("/"))
            : "-");
    r.put("server", serverVariable("version"));
    r.put("bp", serverVariable("innodb_buffer_pool_size"));
    r.put("flush", serverVariable("innodb_flush_log_at_trx_commit"));
    r.put("settings", settings);
    return r;
  }

  /**
   * Stops the fleet's schedules and deletes its runs, so the next workload starts as fresh; in
   * chunks of {@value #CLEANUP_CHUNK} rows, each its own transaction: one statement over a fleet of
   * 240,000 took so many row locks that MariaDB (128 MiB buffer pool) aborted ("over 95 percent of
   * the buffer pool is occupied by lock heaps").
   */
  public void cleanUp() throws SQLException {
    try (Connection c = db.open();
        PreparedStatement stop =
            c.prepareStatement(
                "UPDATE schedules SET enabled = FALSE, next_fire_at = NULL"
                    + " WHERE target_id BETWEEN ? AND ?");
        PreparedStatement delete =
            c.prepareStatement("DELETE FROM runs WHERE project_id = ? LIMIT " + CLEANUP_CHUNK)) {
      c.setAutoCommit(true);
      for (long from = firstId; from <= lastId; from += CLEANUP_CHUNK) {
        stop.setLong(1, from);
        stop.setLong(2, Math.min(lastId, from + CLEANUP_CHUNK - 1));
        stop.executeUpdate();
      }
      delete.setString(1, project);
      while (delete.executeUpdate() > 0) {
        // the next chunk
      }
    }
  }

  private static final int CLEANUP_CHUNK = 20_000;

  /** Runs of this fleet so far. */
  public long runs() throws SQLException {
    try (Connection c = db.open();
        PreparedStatement s =
            c.prepareStatement("SELECT COUNT(*) FROM runs WHERE project_id = ?")) {
      s.setString(1, project);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  public int size() {
    return ids.length;
  }

  /** Appends one result line (and the header, for a new file) to the TSV {@code file}. */
  public static void appendTsv(Map<String, Object> result, String file) throws Exception {
    if (file == null || file.isBlank()) {
      return;
    }
    Path out = Path.of(file);
    StringBuilder line = new StringBuilder();
    if (!Files.exists(out)) {
      line.append(String.join("\t", result.keySet())).append('\n');
    }
    line.append(result.values().stream().map(String::valueOf).collect(Collectors.joining("\t")))
        .append('\n');
    Files.writeString(
        out,
        line.toString(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private String serverVariable(String name) throws SQLException {
    try (Connection c = db.open();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT @@" + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static long lastTargetId(Connection c, String project) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM targets WHERE project_id = ?")) {
      s.setString(1, project);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static long[] targetIds(Connection c, String project) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement("SELECT id FROM targets WHERE project_id = ? ORDER BY id")) {
      s.setString(1, project);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids.stream().mapToLong(Long::longValue).toArray();
    }
  }

  static Timestamp timestamp(long epochMillis) {
    return Timestamp.valueOf(
        LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC));
  }

  /** The p-th percentile of sorted values (nearest rank), -1 when there are none. */
  public static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }
}
