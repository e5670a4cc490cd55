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
 * a storm: at most {@link #MAX_SLOTS} slots are looked at.
 */
public final class MissedRuns {

  /** Bound on the slots enumerated after a long downtime with a frequent cron. */
  static final int MAX_SLOTS = 10_000;

  private MissedRuns() {}

  /**
   * @param firstDue the slot the schedule was waiting for (due: not after {@code now})
   * @param nextSlot the slot after a given slot, empty when there is none
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
    int seen = 0;
    while (slot.isPresent() && !slot.get().isAfter(now) && seen++ < MAX_SLOTS) {
      if (Duration.between(slot.get(), now).compareTo(threshold) <= 0) {
        onTime = slot.get();
      } else {
        missed.add(slot.get());
      }
      slot = nextSlot.apply(slot);
    }
    while (slot.isPresent() && !slot.get().isAfter(now)) {
      slot = nextSlot.apply(slot); // skip past the bound without keeping the slots
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
        int keep = Math.min(eligible.size(), backfillMax);
        yield eligible.subList(eligible.size() - keep, eligible.size()).stream()
            .map(s -> new PlannedRun(s, RunTrigger.BACKFILL))
            .toList();
      }
    };
  }
}
