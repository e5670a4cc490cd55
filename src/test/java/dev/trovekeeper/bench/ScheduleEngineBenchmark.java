package dev.trovekeeper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.policy.PolicySpec;
import dev.trovekeeper.policy.ScheduleKind;
import dev.trovekeeper.schedule.SlotCalculator;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Schedule engine firing lateness: N targets whose daily window is the coming minute (so their
 * jittered slots spread over that minute, as a fleet on one policy does), fired by this replica's
 * engine; lateness is {@code runs.created_at - runs.slot_at}. Runs are not executed (only firing is
 * measured). {@code -Dbench.targets=N} (default 20000).
 */
@QuarkusTest
@TestProfile(ScheduleEngineBenchmark.Profile.class)
@Tag("bench")
class ScheduleEngineBenchmark {

  /** The engine alone: no run execution, no reconcile. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "keeper.run.enabled", "false",
          "keeper.schedule.misfire-threshold", "10m",
          "keeper.schedule.batch-size", "500");
    }
  }

  @Inject PolicyService policies;
  @Inject AgroalDataSource dataSource;

  @Test
  void fleetDueWithinOneMinute() throws Exception {
    int targets = Integer.getInteger("bench.targets", 20_000);
    String project = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    Instant windowStart =
        Instant.now().plus(Duration.ofSeconds(90)).truncatedTo(ChronoUnit.MINUTES);
    Policy policy =
        policies.setProjectDefault(
            project, window(LocalTime.ofInstant(windowStart, ZoneOffset.UTC)));

    long insertStart = System.nanoTime();
    insert(project, targets, policy, windowStart.minusSeconds(1));
    double insertSeconds = (System.nanoTime() - insertStart) / 1e9;

    Instant deadline = windowStart.plus(Duration.ofMinutes(10));
    while (runs(project) < targets && Instant.now().isBefore(deadline)) {
      Thread.sleep(1000);
    }
    List<Long> lateness = latenessMillis(project);
    assertThat(lateness).as("every target fired exactly once").hasSize(targets);
    Collections.sort(lateness);
    System.out.printf(
        "BENCH schedule-engine targets=%d insert=%.1fs lateness ms p50=%d p95=%d p99=%d max=%d%n",
        targets,
        insertSeconds,
        percentile(lateness, 50),
        percentile(lateness, 95),
        percentile(lateness, 99),
        lateness.get(lateness.size() - 1));
  }

  private static PolicySpec window(LocalTime start) {
    return new PolicySpec(
        "bench",
        ScheduleKind.WINDOW,
        null,
        "UTC",
        start,
        1,
        null,
        null,
        7,
        null,
        null,
        null,
        null,
        24,
        MissedRunPolicy.RUN_ONCE,
        null,
        null,
        null,
        false,
        null,
        null);
  }

  private void insert(String project, int count, Policy policy, Instant after) throws Exception {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Timestamp now = Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC));
      List<Long> ids = new ArrayList<>();
      try (PreparedStatement target =
          c.prepareStatement(
              "INSERT INTO targets (kind, project_id, external_id, name, status, discovered_by,"
                  + " created_at, updated_at) VALUES ('DATASET', ?, ?, ?, 'ACTIVE', 'API', ?, ?)",
              Statement.RETURN_GENERATED_KEYS)) {
        for (int i = 0; i < count; i++) {
          target.setString(1, project);
          target.setString(2, project + "-" + i);
          target.setString(3, "bench-" + i);
          target.setTimestamp(4, now);
          target.setTimestamp(5, now);
          target.addBatch();
          if (i % 1000 == 999 || i == count - 1) {
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
                  + " updated_at) VALUES (?, ?, ?, TRUE, ?, ?)")) {
        for (int i = 0; i < ids.size(); i++) {
          Instant slot = SlotCalculator.next(policy, ids.get(i), after).orElseThrow();
          schedule.setLong(1, ids.get(i));
          schedule.setLong(2, policy.id);
          schedule.setTimestamp(
              3, Timestamp.valueOf(LocalDateTime.ofInstant(slot, ZoneOffset.UTC)));
          schedule.setTimestamp(4, now);
          schedule.setTimestamp(5, now);
          schedule.addBatch();
          if (i % 1000 == 999 || i == ids.size() - 1) {
            schedule.executeBatch();
          }
        }
      }
      c.commit();
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

  private List<Long> latenessMillis(String project) throws Exception {
    List<Long> values = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT TIMESTAMPDIFF(MICROSECOND, slot_at, created_at) FROM runs WHERE project_id = ?")) {
      s.setString(1, project);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getLong(1) / 1000);
        }
      }
    }
    return values;
  }

  private static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }
}
