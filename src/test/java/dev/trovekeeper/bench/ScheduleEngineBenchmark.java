package dev.trovekeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.policy.PolicySpec;
import dev.trovekeeper.schedule.ScheduleConfig;
import dev.trovekeeper.testing.Projects;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Schedule engine firing lateness on the anchors' workloads (../shared/bench-anchors): W1 10,000
 * one-shot targets due uniformly over 60 s, W2 100,000 the same, W3 10,000 targets on a cron every
 * minute for 3 minutes (10,000-target bursts). Fired by this replica's engine (runs are not
 * executed); lateness is {@code runs.created_at - runs.slot_at}; every target must fire exactly
 * once per slot. One TSV line per workload in the anchors' column layout ({@code bench.out}), so
 * bench/side-by-side.sh prints both in one table.
 *
 * <p>Properties: {@code bench.workload} (W1,W2,W3 or a comma list, default all three), {@code
 * bench.scale} (multiplies N, default 1), {@code bench.targets} (N, overrides the scale), {@code
 * bench.window} (one-shot spread, s, default 60), {@code bench.rounds} (cron minutes, default 3),
 * {@code bench.maxwait} (s after the last due time, default 600), {@code bench.out} (TSV file).
 */
@QuarkusTest
@TestProfile(ScheduleEngineBenchmark.Profile.class)
@Tag("bench")
class ScheduleEngineBenchmark {

  /** The engine alone: no run execution, no reconcile; a cron every minute is allowed. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "keeper.run.enabled", "false",
          "keeper.schedule.misfire-threshold", "10m",
          "keeper.schedule.batch-size", "500",
          "keeper.policy.limits.min-interval", "1m");
    }
  }

  private static final long LEAD_MS = 5_000;

  @Inject PolicyService policies;
  @Inject AgroalDataSource dataSource;
  @Inject ScheduleConfig engine;

  @Test
  void anchorWorkloads() throws Exception {
    double scale = Double.parseDouble(System.getProperty("bench.scale", "1"));
    for (String workload : System.getProperty("bench.workload", "W1,W2,W3").split(",")) {
      Map<String, Object> result =
          switch (workload.trim()) {
            case "W1" -> oneShot(size(10_000, scale));
            case "W2" -> oneShot(size(100_000, scale));
            case "W3" -> cron(size(10_000, scale), Integer.getInteger("bench.rounds", 3));
            default -> throw new IllegalArgumentException("unknown workload " + workload);
          };
      System.out.println("BENCH " + workload.trim() + " " + result);
      write(result);
      assertThat(result.get("missing")).as("every slot fired").isEqualTo(0);
      assertThat(result.get("dup")).as("no slot fired twice").isEqualTo(0);
    }
  }

  private static int size(int full, double scale) {
    return Integer.getInteger("bench.targets", (int) Math.max(1, Math.round(full * scale)));
  }

  /** N targets, target i due at t0 + i * window / N (the anchors' spacing), each fired once. */
  private Map<String, Object> oneShot(int n) throws Exception {
    long windowMs = Integer.getInteger("bench.window", 60) * 1000L;
    // A daily window far from now: after its one-shot slot, a target's next slot is hours away.
    LocalTime windowStart = LocalTime.now(ZoneOffset.UTC).plusHours(6).withNano(0);
    Fleet fleet = fleet(window(windowStart), n);
    long t0 = System.currentTimeMillis() + LEAD_MS;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE schedules SET next_fire_at = TIMESTAMPADD(MICROSECOND, ? * (target_id - ?),"
                    + " ?) WHERE target_id BETWEEN ? AND ?")) {
      s.setLong(1, windowMs * 1000 / n);
      s.setLong(2, fleet.firstId);
      s.setTimestamp(3, timestamp(t0));
      s.setLong(4, fleet.firstId);
      s.setLong(5, fleet.lastId);
      s.executeUpdate();
    }
    long lastDue = t0 + windowMs;
    awaitRuns(fleet.project, n, lastDue);
    Map<String, Object> result = stats(fleet, "oneshot", n, 1, t0, fleet.insertMs);
    cleanUp(fleet);
    return result;
  }

  /** N targets on a cron every minute, all due at the same second, for {@code rounds} minutes. */
  private Map<String, Object> cron(int n, int rounds) throws Exception {
    Fleet fleet = fleet(cronEveryMinute(), n);
    long t0 = ((System.currentTimeMillis() + LEAD_MS + 59_999) / 60_000) * 60_000;
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE schedules SET next_fire_at = ? WHERE target_id BETWEEN ? AND ?")) {
      s.setTimestamp(1, timestamp(t0));
      s.setLong(2, fleet.firstId);
      s.setLong(3, fleet.lastId);
      s.executeUpdate();
    }
    long lastDue = t0 + (rounds - 1) * 60_000L;
    awaitRuns(fleet.project, (long) n * rounds, lastDue);
    Map<String, Object> result = stats(fleet, "cron", n, rounds, t0, fleet.insertMs);
    cleanUp(fleet);
    return result;
  }

  private record Fleet(String project, long firstId, long lastId, long[] ids, long insertMs) {}

  /**
   * Inserts N targets of a new project under {@code spec} (as the project default) with schedules
   * not yet due (a day away); the caller then moves their due times in one statement, as the
   * anchors do, so insertion is not part of the lateness.
   */
  private Fleet fleet(PolicySpec spec, int n) throws Exception {
    String project = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    Policy policy = policies.setProjectDefault(project, spec);
    long start = System.nanoTime();
    Timestamp now = timestamp(System.currentTimeMillis());
    Timestamp later = timestamp(System.currentTimeMillis() + Duration.ofDays(1).toMillis());
    List<Long> ids = new ArrayList<>(n);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement target =
          c.prepareStatement(
              "INSERT INTO targets (kind, project_id, external_id, name, status, discovered_by,"
                  + " created_at, updated_at) VALUES ('DATASET', ?, ?, ?, 'ACTIVE', 'API', ?, ?)",
              Statement.RETURN_GENERATED_KEYS)) {
        for (int i = 0; i < n; i++) {
          target.setString(1, project);
          target.setString(2, project + "-" + i);
          target.setString(3, "bench-" + i);
          target.setTimestamp(4, now);
          target.setTimestamp(5, now);
          target.addBatch();
          if (i % 1000 == 999 || i == n - 1) {
            target.executeBatch();
            try (ResultSet keys = target.getGeneratedKeys()) {
              while (keys.next()) {
                ids.add(keys.getLong(1));
              }
            }
          }
        }
      }
      try (PreparedStatement schedule =
          c.prepareStatement(
              "INSERT INTO schedules (target_id, policy_id, next_fire_at, enabled, created_at,"
                  + " updated_at, last_slot_at) VALUES (?, ?, ?, TRUE, ?, ?, ?)")) {
        for (int i = 0; i < ids.size(); i++) {
          schedule.setLong(1, ids.get(i));
          schedule.setLong(2, policy.id);
          schedule.setTimestamp(3, later);
          schedule.setTimestamp(4, now);
          schedule.setTimestamp(5, now);
          schedule.setTimestamp(6, now); // not a first backup: slots as the policy says
          schedule.addBatch();
          if (i % 1000 == 999 || i == ids.size() - 1) {
            schedule.executeBatch();
          }
        }
      }
      c.commit();
    }
    // The due-time updates address the fleet by id range: nothing else inserts targets meanwhile,
    // so the range holds this fleet only. MariaDB's auto-increment may leave a few gaps between
    // batches (slots then spread over a window a few spacings longer).
    assertThat(ids).hasSize(n).isSorted();
    return new Fleet(
        project,
        ids.get(0),
        ids.get(n - 1),
        ids.stream().mapToLong(Long::longValue).toArray(),
        (System.nanoTime() - start) / 1_000_000);
  }

  private void awaitRuns(String project, long expected, long lastDue) throws Exception {
    long deadline = lastDue + Integer.getInteger("bench.maxwait", 600) * 1000L;
    long nextLog = System.currentTimeMillis() + 10_000;
    long count = 0;
    while ((count = runs(project)) < expected && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      if (System.currentTimeMillis() >= nextLog) {
        nextLog += 10_000;
        System.out.printf("BENCH progress %d/%d%n", count, expected);
      }
    }
    Thread.sleep(1000); // a duplicate would show up now
  }

  /** The anchors' TSV columns (bench-anchors Bench.java), for one workload. */
  private Map<String, Object> stats(
      Fleet fleet, String mode, int n, int rounds, long t0, long insertMs) throws Exception {
    List<long[]> rows = new ArrayList<>(); // slot ms, fire ms, target id
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT target_id, TIMESTAMPDIFF(MICROSECOND, '1970-01-01', slot_at),"
                    + " TIMESTAMPDIFF(MICROSECOND, '1970-01-01', created_at)"
                    + " FROM runs WHERE project_id = ?")) {
      s.setString(1, fleet.project);
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
    Map<Long, Integer> perTarget = new java.util.HashMap<>();
    for (long[] r : rows) {
      perTarget.merge(r[2], 1, Integer::sum);
      int round = (int) ((r[0] - t0) / 60_000);
      if (round >= 0 && round < rounds) {
        roundMax[round] = Math.max(roundMax[round], r[1] - r[0]);
      }
    }
    int dup = 0;
    int missing = 0;
    for (long id : fleet.ids) {
      int count = perTarget.getOrDefault(id, 0);
      dup += Math.max(0, count - rounds);
      missing += Math.max(0, rounds - count);
    }
    int fired = rows.size();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("engine", "keeper");
    r.put("variant", "1-replica");
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
            ? java.util.Arrays.stream(roundMax).mapToDouble(m -> n * 1000.0 / Math.max(1, m)).sum()
                / rounds
            : fired * 1000.0 / Math.max(1, last - first);
    r.put("fires_per_s", fired > 1 ? String.format("%.1f", rate) : "0");
    r.put("p50_ms", percentile(lateness, 50));
    r.put("p95_ms", percentile(lateness, 95));
    r.put("p99_ms", percentile(lateness, 99));
    r.put("max_ms", fired > 0 ? lateness[fired - 1] : -1);
    r.put("misfires", "n/a");
    r.put("late_gt_60s", java.util.Arrays.stream(lateness).filter(x -> x > 60_000).count());
    r.put("per_instance", fired + "/0");
    r.put(
        "round_max_ms",
        mode.equals("cron")
            ? java.util.Arrays.stream(roundMax)
                .mapToObj(String::valueOf)
                .collect(Collectors.joining("/"))
            : "-");
    r.put("server", serverVariable("version"));
    r.put("bp", serverVariable("innodb_buffer_pool_size"));
    r.put("flush", serverVariable("innodb_flush_log_at_trx_commit"));
    r.put(
        "settings",
        "{one replica, batch-size " + engine.batchSize() + ", poll " + engine.pollInterval() + "}");
    return r;
  }

  private static void write(Map<String, Object> result) throws Exception {
    String file = System.getProperty("bench.out");
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

  /** Stops the fleet's schedules and deletes its runs, so the next workload starts as fresh. */
  private void cleanUp(Fleet fleet) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement stop =
            c.prepareStatement(
                "UPDATE schedules SET enabled = FALSE, next_fire_at = NULL"
                    + " WHERE target_id BETWEEN ? AND ?");
        PreparedStatement delete = c.prepareStatement("DELETE FROM runs WHERE project_id = ?")) {
      stop.setLong(1, fleet.firstId);
      stop.setLong(2, fleet.lastId);
      stop.executeUpdate();
      delete.setString(1, fleet.project);
      delete.executeUpdate();
    }
  }

  private String serverVariable(String name) throws Exception {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT @@" + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private long runs(String project) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT COUNT(*) FROM runs WHERE project_id = ?")) {
      s.setString(1, project);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static Timestamp timestamp(long epochMillis) {
    return Timestamp.valueOf(
        LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC));
  }

  private static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }

  private static PolicySpec window(LocalTime start) {
    return Projects.window(start, 1, 7, MissedRunPolicy.RUN_ONCE);
  }

  private static PolicySpec cronEveryMinute() {
    return Projects.cron("0 * * * * ?", 7, MissedRunPolicy.RUN_ONCE);
  }
}
