package dev.trovekeeper.schedule;

import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.run.RunTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Pure: turns the slots that came due since a schedule last fired into runs. A slot at most {@code
 * threshold} late runs as scheduled. Older ones were missed (the service was down or behind), and
 * the policy decides: SKIP drops them, RUN_ONCE makes one catch-up run unless a slot runs on time
 * anyway, BACKFILL runs up to {@code max} of the latest missed slots within {@code deadline}. Never
 * a storm: at most {@link #MAX_SLOTS} slots are looked at from {@code firstDue}; after a longer
 * downtime the plan jumps to the latest slots, and the missed count only covers the slots looked
 * at.
 */
public final class MissedRuns {

  /** Bound on the slots enumerated after a long downtime with a frequent cron. */
  static final int MAX_SLOTS = 10_000;

  private MissedRuns() {}

  /**
   * @param firstDue the slot the schedule was waiting for (due: not after {@code now})
   * @param nextSlot the first slot strictly after a given instant, empty when there is none
   */
  public static FirePlan plan(
      Instant firstDue,
      UnaryOperator<Optional<Instant>> nextSlot,
      Instant now,
      Duration threshold,
      MissedRunPolicy policy,
      Integer backfillMax,
      Duration backfillDeadline) {
    List<Instant> missed = new ArrayList<>();
    Instant onTime = null;
    Optional<Instant> slot = Optional.of(firstDue);
    Instant previous = null;
    int seen = 0;
    boolean jumped = false;
    while (slot.isPresent() && !slot.get().isAfter(now)) {
      if (seen++ == MAX_SLOTS) {
        if (jumped) {
          slot = nextSlot.apply(Optional.of(now));
          break;
        }
        // Only the latest slots can become runs: jump to a few cron periods before the cutoff
        // instead of walking (slowly) through every slot of a long downtime.
        jumped = true;
        seen = 0;
        int wanted = policy == MissedRunPolicy.BACKFILL && backfillMax != null ? backfillMax : 1;
        Duration period = Duration.between(previous, slot.get());
        Instant resume = now.minus(threshold).minus(period.multipliedBy(wanted));
        if (resume.isAfter(slot.get())) {
          slot = nextSlot.apply(Optional.of(resume));
          continue;
        }
      }
      if (Duration.between(slot.get(), now).compareTo(threshold) <= 0) {
        onTime = slot.get();
      } else {
        missed.add(slot.get());
      }
      previous = slot.get();
      slot = nextSlot.apply(slot);
    }
    List<PlannedRun> runs = new ArrayList<>();
    if (!missed.isEmpty()) {
      runs.addAll(forMissed(missed, onTime != null, now, policy, backfillMax, backfillDeadline));
    }
    if (onTime != null) {
      runs.add(new PlannedRun(onTime, RunTrigger.SCHEDULED));
    }
    return new FirePlan(List.copyOf(runs), missed.size(), slot.orElse(null));
  }

  private static List<PlannedRun> forMissed(
      List<Instant> missed,
      boolean anotherRunsOnTime,
      Instant now,
      MissedRunPolicy policy,
      Integer backfillMax,
      Duration backfillDeadline) {
    Instant latest = missed.get(missed.size() - 1);
    return switch (policy) {
      case SKIP -> List.of();
      case RUN_ONCE ->
          anotherRunsOnTime ? List.of() : List.of(new PlannedRun(latest, RunTrigger.CATCH_UP));
      case BACKFILL -> {
        Instant oldestAllowed = now.minus(backfillDeadline);
        List<Instant> eligible = missed.stream().filter(s -> !s.isBefore(oldestAllowed)).toList();
        int keep = Math.min(eligible.size(), backfillMax == null ? 1 : backfillMax);
        yield eligible.subList(eligible.size() - keep, eligible.size()).stream()
            .map(s -> new PlannedRun(s, RunTrigger.BACKFILL))
            .toList();
      }
    };
  }
}
