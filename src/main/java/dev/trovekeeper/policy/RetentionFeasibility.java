package dev.trovekeeper.policy;

import com.cronutils.model.Cron;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Pure: how many backups a policy really keeps per instance at worst. Retention never breaks an
 * incremental chain (a kept backup keeps every ancestor up to its full), so besides what the rules
 * count, the rest of the chain of the oldest kept backup stays too: with a backup every minute, a
 * full once a day and keep-last 2, that is a whole day of backups, not 2. A policy's {@code
 * maxChainLength} caps the chain (a new full starts instead), and with it what is kept: keep-last 2
 * with chains of at most 2 keeps 3 at worst (the newest full and the whole chain before it).
 *
 * @param runsPerDay backups the schedule makes per day (at least 1)
 * @param chainLength backups per incremental chain (the full and its incrementals; 1: all full), at
 *     most the policy's {@code maxChainLength}
 * @param byRules what the keep rules count (the largest of keep-last, max-age and GFS)
 * @param perInstance the worst case kept per instance, plus one in flight
 */
public record RetentionFeasibility(
    long runsPerDay, long chainLength, long byRules, long perInstance) {

  private static final long CAP = 1_000_000;

  /** The estimate of {@code spec} (which passed {@link PolicyValidator}) at {@code now}. */
  public static RetentionFeasibility of(PolicySpec spec, Instant now) {
    long perDay = runsPerDay(spec, now);
    long chain =
        spec.fullIntervalDays() == null || spec.fullIntervalDays() == 0
            ? 1
            : Math.min(CAP, perDay * spec.fullIntervalDays());
    if (spec.maxChainLength() != null) {
      chain = Math.min(chain, spec.maxChainLength());
    }
    long recent = nz(spec.keepLast());
    if (spec.maxAgeDays() != null) {
      recent = Math.max(recent, Math.min(CAP, perDay * spec.maxAgeDays()));
    }
    long gfs = nz(spec.keepDaily()) + nz(spec.keepWeekly()) + nz(spec.keepMonthly());
    long byRules = Math.max(recent, gfs);
    // Each kept calendar backup pulls its chain's ancestors, at most a bucket's worth of backups.
    long gfsWithChains =
        nz(spec.keepDaily()) * Math.min(chain, perDay)
            + nz(spec.keepWeekly()) * Math.min(chain, 7 * perDay)
            + nz(spec.keepMonthly()) * Math.min(chain, 31 * perDay);
    long kept = Math.max(recent + chain - 1, gfsWithChains);
    return new RetentionFeasibility(perDay, chain, byRules, Math.max(kept, byRules) + 1);
  }

  /** Whether chains, not the keep rules, decide how much is kept. */
  public boolean chainsDominate() {
    return perInstance - 1 > byRules;
  }

  /** Says where the figure comes from, for a refusal. */
  public String explain(PolicySpec spec) {
    String rules = "the keep rules count " + byRules;
    if (!chainsDominate()) {
      return rules;
    }
    String chain =
        spec.maxChainLength() != null && chainLength == spec.maxChainLength()
            ? "maxChainLength " + chainLength
            : runsPerDay + " a day x fullIntervalDays " + spec.fullIntervalDays();
    return rules
        + ", but retention never breaks an incremental chain and a chain holds "
        + chainLength
        + " backups ("
        + chain
        + "), so up to "
        + (perInstance - 1)
        + " stay; set maxChainLength (a new full when a chain would grow longer), take full"
        + " backups more often or keep fewer";
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
