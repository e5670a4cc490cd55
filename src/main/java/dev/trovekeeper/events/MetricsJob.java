package dev.trovekeeper.events;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Recomputes the metrics and checks RPOs from the database every metrics interval. */
@ApplicationScoped
public class MetricsJob {

  private final MetricsQueries queries;
  private final BackupMetrics metrics;
  private final RpoMonitor rpo;
  private final Clock clock;

  MetricsJob(MetricsQueries queries, BackupMetrics metrics, RpoMonitor rpo, Clock clock) {
    this.queries = queries;
    this.metrics = metrics;
    this.rpo = rpo;
    this.clock = clock;
  }

  @Scheduled(
      identity = "events-metrics-refresh",
      every = "${keeper.events.metrics-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void run() {
    try {
      refreshNow();
    } catch (RuntimeException e) {
      Log.warnf("Metrics refresh failed, gauges keep their last values: %s", e.toString());
    }
  }

  /**
   * One refresh, now: reads the recovery points and counts, replaces the gauges, reports new RPO
   * breaches.
   *
   * @return how many RPO breaches were reported
   */
  public int refreshNow() {
    Instant now = clock.instant();
    List<RecoveryPoint> points = queries.recoveryPoints();
    metrics.update(points, queries.counts(now), now);
    return rpo.check(points, now);
  }
}
