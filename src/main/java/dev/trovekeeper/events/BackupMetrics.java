package dev.trovekeeper.events;

import dev.trovekeeper.protection.Protection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Backup metrics for Prometheus. Gauges are set from the database by {@link MetricsJob}, so every
 * replica reports the same numbers; the run and schedule engines report events as they happen.
 */
@ApplicationScoped
public class BackupMetrics {

  private static final List<String> STATUSES =
      Arrays.stream(Protection.values())
          .filter(p -> p != Protection.DELETED)
          .map(RecoveryPoint::label)
          .toList();

  private final MeterRegistry registry;
  private final MultiGauge lastSuccess;
  private final MultiGauge recoveryPointAge;
  private final MultiGauge targets;
  private final AtomicLong queueDepth = new AtomicLong();
  private final AtomicLong active = new AtomicLong();
  private final AtomicLong outboxPending = new AtomicLong();
  private final Timer lateness;

  BackupMetrics(MeterRegistry registry) {
    this.registry = registry;
    lastSuccess =
        MultiGauge.builder("trove_keeper_last_success_timestamp_seconds")
            .description("Epoch seconds when the newest completed backup of a target was taken")
            .register(registry);
    recoveryPointAge =
        MultiGauge.builder("trove_keeper_recovery_point_age_seconds")
            .description("Age of the newest completed backup of a target")
            .register(registry);
    targets =
        MultiGauge.builder("trove_keeper_targets")
            .description(
                "Live targets per project by protection (protected, stale, failing, paused,"
                    + " suspended, pending_first_backup, no_policy)")
            .register(registry);
    registry.gauge("trove_keeper_run_queue_depth", queueDepth);
    registry.gauge("trove_keeper_runs_active", active);
    registry.gauge("trove_keeper_outbox_pending", outboxPending);
    lateness =
        Timer.builder("trove_keeper_schedule_lateness")
            .description("How late a schedule slot fired")
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(registry);
  }

  /**
   * Counts a finished run in {@code trove_keeper_runs_total{outcome, project}}. Call once, when the
   * run reaches its final state ({@code outcome}: SUCCEEDED, FAILED or SKIPPED). Plain values, so
   * that {@code events} stays below {@code run}.
   */
  public void runFinished(String outcome, String projectId) {
    Counter.builder("trove_keeper_runs")
        .description("Finished runs by outcome")
        .tags("outcome", outcome, "project", String.valueOf(projectId))
        .register(registry)
        .increment();
  }

  /** Records how late a schedule slot fired ({@code trove_keeper_schedule_lateness_seconds}). */
  public void fireLateness(Duration lateBy) {
    lateness.record(lateBy.isNegative() ? Duration.ZERO : lateBy);
  }

  /** Replaces every gauge with what the database says now; gone targets disappear. */
  public void update(List<RecoveryPoint> points, FleetCounts counts, Instant now) {
    List<MultiGauge.Row<?>> successRows = new ArrayList<>();
    List<MultiGauge.Row<?>> ageRows = new ArrayList<>();
    Map<String, Map<String, Long>> byProject = new TreeMap<>();
    for (RecoveryPoint p : points) {
      byProject
          .computeIfAbsent(p.projectId(), k -> new TreeMap<>())
          .merge(p.status(now), 1L, Long::sum);
      if (p.lastSuccessAt() != null) {
        Tags tags = Tags.of("project", p.projectId(), "target", p.externalId(), "kind", p.kind());
        successRows.add(MultiGauge.Row.of(tags, p.lastSuccessAt().getEpochSecond()));
        ageRows.add(MultiGauge.Row.of(tags, Math.max(0, p.age(now).toSeconds())));
      }
    }
    List<MultiGauge.Row<?>> targetRows = new ArrayList<>();
    byProject.forEach(
        (project, statusCounts) ->
            STATUSES.forEach(
                status ->
                    targetRows.add(
                        MultiGauge.Row.of(
                            Tags.of("project", project, "status", status),
                            statusCounts.getOrDefault(status, 0L)))));
    lastSuccess.register(successRows, true);
    recoveryPointAge.register(ageRows, true);
    targets.register(targetRows, true);
    queueDepth.set(counts.queueDepth());
    active.set(counts.active());
    outboxPending.set(counts.outboxPending());
  }
}
