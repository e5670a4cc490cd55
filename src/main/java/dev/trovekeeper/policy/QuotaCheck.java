package dev.trovekeeper.policy;

import com.cronutils.model.Cron;
import dev.trovekeeper.api.Problem.FieldError;
import dev.trovekeeper.trove.ProjectLimits;
import dev.trovekeeper.trove.TroveClient;
import dev.trovekeeper.trove.TroveException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Refuses a policy whose retention would keep more backups than the project's Trove backup quota
 * ({@code GET limits}, {@code max_backups}) allows for its instances.
 */
@ApplicationScoped
public class QuotaCheck {

  private final TroveClient trove;
  private final Clock clock;

  QuotaCheck(TroveClient trove, Clock clock) {
    this.trove = trove;
    this.clock = clock;
  }

  void check(String projectId, PolicySpec spec, long instances) {
    if (instances == 0) {
      return;
    }
    ProjectLimits limits;
    try {
      limits = trove.limits(projectId);
    } catch (TroveException e) {
      // The quota cannot be read now: accept; the run reports QUOTA_EXCEEDED if it comes to it.
      Log.warnf("Backup quota of project %s not checked: %s", projectId, e.getMessage());
      return;
    }
    long perInstance = retainedPerInstance(spec, clock.instant());
    long needed = perInstance * instances;
    if (limits.maxBackups() != null && limits.maxBackups() > 0 && needed > limits.maxBackups()) {
      throw new PolicyService.InvalidPolicyException(
          List.of(
              new FieldError(
                  "retention",
                  "would keep about "
                      + perInstance
                      + " backups per instance x "
                      + instances
                      + " instances = "
                      + needed
                      + ", over the project's Trove backup quota of "
                      + limits.maxBackups())));
    }
  }

  /**
   * Backups a policy keeps per instance in the steady state, estimated as the largest of what each
   * rule keeps (rules overlap, so their sum would overstate it), plus one in flight.
   */
  static long retainedPerInstance(PolicySpec spec, Instant now) {
    long perDay = runsPerDay(spec, now);
    long kept = 0;
    if (spec.keepLast() != null) {
      kept = Math.max(kept, spec.keepLast());
    }
    if (spec.maxAgeDays() != null) {
      kept = Math.max(kept, perDay * spec.maxAgeDays());
    }
    long gfs = nz(spec.keepDaily()) + nz(spec.keepWeekly()) + nz(spec.keepMonthly());
    return Math.max(kept, gfs) + 1;
  }

  /** Fires in the next 24 hours (at most 10,000 counted). */
  static long runsPerDay(PolicySpec spec, Instant now) {
    if (spec.scheduleKind() != ScheduleKind.CRON) {
      return 1;
    }
    Cron cron = CronExpressions.parse(spec.cronExpression());
    ZoneId zone = ZoneId.of(spec.timeZone() == null ? "UTC" : spec.timeZone());
    Instant end = now.plus(Duration.ofDays(1));
    long count = 0;
    Optional<Instant> next = CronExpressions.next(cron, zone, now);
    while (next.isPresent() && next.get().isBefore(end) && count < 10_000) {
      count++;
      next = CronExpressions.next(cron, zone, next.get());
    }
    return Math.max(count, 1);
  }

  private static long nz(Integer value) {
    return value == null ? 0 : value;
  }
}
