package dev.trovekeeper.protection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Protection over time, for charts: a target's recovery point age against its RPO and its backups'
 * durations and sizes; the fleet's coverage and run outcomes per day. Each answer is a fixed number
 * of queries (one per series kind), computed from the runs and backups the service keeps anyway.
 * Series are columns (uPlot's data layout): times in epoch seconds, values aligned with them.
 */
@ApplicationScoped
public class ProtectionHistory {

  /** How far back a target's chart reaches, and at most how many backups it draws. */
  static final Duration TARGET_WINDOW = Duration.ofDays(30);

  static final int MAX_BACKUPS = 2000;

  /**
   * A target's history.
   *
   * @param ageAt times of the recovery point age series (epoch seconds)
   * @param ageSeconds the recovery point age at each time: it drops when a backup completes
   * @param rpoSeconds the target's RPO target now (null without one)
   * @param backupAt when each completed backup was taken (epoch seconds)
   * @param durationSeconds how long each backup's run took
   * @param sizeBytes each backup's size (null when Trove did not say)
   */
  public record TargetHistory(
      List<Long> ageAt,
      List<Long> ageSeconds,
      Long rpoSeconds,
      List<Long> backupAt,
      List<Long> durationSeconds,
      List<Long> sizeBytes) {}

  /**
   * The fleet's (or a project's) history per UTC day.
   *
   * @param days each day's start (epoch seconds)
   * @param coveredPercent share of the targets live at the day's end whose newest good backup was
   *     within their RPO target (today's policy; 24 h without one); null on a day without targets
   * @param outcomes finished runs per final state (SUCCEEDED, FAILED, ...), one count per day
   */
  public record FleetHistory(
      List<Long> days, List<Double> coveredPercent, Map<String, List<Long>> outcomes) {}

  private final HistoryRepository history;
  private final Clock clock;

  ProtectionHistory(HistoryRepository history, Clock clock) {
    this.history = history;
    this.clock = clock;
  }

  /** The target's last 30 days: one query. */
  @Transactional
  public TargetHistory target(long targetId, Integer rpoTargetMinutes) {
    Instant now = clock.instant();
    var points = history.backups(targetId, now.minus(TARGET_WINDOW), MAX_BACKUPS);
    List<Long> ageAt = new ArrayList<>();
    List<Long> age = new ArrayList<>();
    Instant newestPoint = null;
    for (var p : points) {
      // just before this backup completed, the recovery point was the previous one
      if (newestPoint != null) {
        ageAt.add(p.completedAt().getEpochSecond() - 1);
        age.add(Math.max(0, p.completedAt().getEpochSecond() - 1 - newestPoint.getEpochSecond()));
      }
      if (newestPoint == null || p.createdAt().isAfter(newestPoint)) {
        newestPoint = p.createdAt();
      }
      ageAt.add(p.completedAt().getEpochSecond());
      age.add(Math.max(0, p.completedAt().getEpochSecond() - newestPoint.getEpochSecond()));
    }
    if (newestPoint != null) {
      ageAt.add(now.getEpochSecond());
      age.add(Math.max(0, now.getEpochSecond() - newestPoint.getEpochSecond()));
    }
    return new TargetHistory(
        ageAt,
        age,
        rpoTargetMinutes == null ? null : 60L * rpoTargetMinutes,
        points.stream().map(p -> p.createdAt().getEpochSecond()).toList(),
        points.stream().map(HistoryRepository.BackupPoint::durationSeconds).toList(),
        points.stream().map(HistoryRepository.BackupPoint::sizeBytes).toList());
  }

  /**
   * The last {@code days} UTC days (today included) of the whole fleet: two queries. Coverage is
   * not per project (the operator's chart).
   */
  @Transactional
  public FleetHistory fleet(int days) {
    Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
    Instant first = today.minus(days - 1L, ChronoUnit.DAYS);
    List<Long> dayStarts = new ArrayList<>();
    List<Instant> dayEnds = new ArrayList<>();
    Instant now = clock.instant();
    for (int i = 0; i < days; i++) {
      Instant start = first.plus(i, ChronoUnit.DAYS);
      dayStarts.add(start.getEpochSecond());
      Instant end = start.plus(1, ChronoUnit.DAYS);
      dayEnds.add(end.isAfter(now) ? now : end);
    }
    Map<Long, Double> covered = new TreeMap<>();
    for (var c : history.coverage(dayEnds)) {
      Instant day = c.dayEnd().minusNanos(1).truncatedTo(ChronoUnit.DAYS);
      covered.put(day.getEpochSecond(), c.live() == 0 ? null : 100.0 * c.covered() / c.live());
    }
    Map<String, List<Long>> outcomes = new TreeMap<>();
    for (var o : history.outcomes(null, first)) {
      int index = dayStarts.indexOf(o.day().getEpochSecond());
      if (index >= 0) {
        outcomes
            .computeIfAbsent(o.state(), s -> new ArrayList<>(zeros(days)))
            .set(index, o.count());
      }
    }
    return new FleetHistory(dayStarts, dayStarts.stream().map(covered::get).toList(), outcomes);
  }

  private static List<Long> zeros(int n) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(0L);
    }
    return out;
  }
}
