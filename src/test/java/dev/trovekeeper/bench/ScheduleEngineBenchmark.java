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
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
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
      FiringFleet.appendTsv(result, System.getProperty("bench.out"));
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
    FiringFleet fleet = fleet(window(windowStart), n);
    long t0 = System.currentTimeMillis() + LEAD_MS;
    fleet.dueUniformly(t0, windowMs);
    fleet.awaitRuns(n, t0 + windowMs, maxWait());
    Map<String, Object> result = fleet.stats("oneshot", 1, t0, "1-replica", settings());
    fleet.cleanUp();
    return result;
  }

  /** N targets on a cron every minute, all due at the same second, for {@code rounds} minutes. */
  private Map<String, Object> cron(int n, int rounds) throws Exception {
    FiringFleet fleet = fleet(cronEveryMinute(), n);
    long t0 = ((System.currentTimeMillis() + LEAD_MS + 59_999) / 60_000) * 60_000;
    fleet.dueAt(t0);
    fleet.awaitRuns((long) n * rounds, t0 + (rounds - 1) * 60_000L, maxWait());
    Map<String, Object> result = fleet.stats("cron", rounds, t0, "1-replica", settings());
    fleet.cleanUp();
    return result;
  }

  /** N targets of a new project under {@code spec} (its default), not due yet. */
  private FiringFleet fleet(PolicySpec spec, int n) throws Exception {
    String project = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    Policy policy = policies.setProjectDefault(project, spec);
    return FiringFleet.insert(dataSource::getConnection, project, policy.id, n);
  }

  private static Duration maxWait() {
    return Duration.ofSeconds(Integer.getInteger("bench.maxwait", 600));
  }

  private String settings() {
    return "{one replica, batch-size "
        + engine.batchSize()
        + ", poll "
        + engine.pollInterval()
        + "}";
  }

  private static PolicySpec window(LocalTime start) {
    return Projects.window(start, 1, 7, MissedRunPolicy.RUN_ONCE);
  }

  private static PolicySpec cronEveryMinute() {
    return Projects.cron("0 * * * * ?", 7, MissedRunPolicy.RUN_ONCE);
  }
}
