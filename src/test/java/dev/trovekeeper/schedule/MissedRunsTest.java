package dev.trovekeeper.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.policy.MissedRunPolicy;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.ScheduleKind;
import dev.trovekeeper.run.RunTrigger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MissedRunsTest {

  private static final Duration THRESHOLD = Duration.ofMinutes(5);
  private static final Instant DAY = Instant.parse("2024-05-10T00:00:00Z");

  /** Every hour on the hour: the first slot strictly after any instant. */
  private static final UnaryOperator<Optional<Instant>> HOURLY =
      slot -> slot.map(t -> t.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));

  private static final UnaryOperator<Optional<Instant>> EVERY_SECOND =
      slot -> slot.map(t -> t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));

  private static Instant at(int hour, int minute) {
    return DAY.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
  }

  private static FirePlan plan(Instant firstDue, Instant now, MissedRunPolicy policy) {
    return MissedRuns.plan(firstDue, HOURLY, now, THRESHOLD, policy, 5, Duration.ofHours(24));
  }

  private static PlannedRun run(Instant slot, RunTrigger trigger) {
    return new PlannedRun(slot, trigger);
  }

  // --- no missed slot ---------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(MissedRunPolicy.class)
  void anOnTimeSlotRunsAsScheduledWhateverThePolicy(MissedRunPolicy policy) {
    FirePlan plan = plan(at(10, 0), at(10, 3), policy);

    assertThat(plan.runs()).containsExactly(run(at(10, 0), RunTrigger.SCHEDULED));
    assertThat(plan.missed()).isZero();
    assertThat(plan.nextFireAt()).isEqualTo(at(11, 0));
  }

  @Test
  void aSlotExactlyThresholdLateIsStillOnTime() {
    FirePlan plan = plan(at(10, 0), at(10, 0).plus(THRESHOLD), MissedRunPolicy.SKIP);

    assertThat(plan.runs()).containsExactly(run(at(10, 0), RunTrigger.SCHEDULED));
    assertThat(plan.missed()).isZero();
  }

  @Test
  void aSlotOneNanosecondPastTheThresholdIsMissed() {
    Instant now = at(10, 0).plus(THRESHOLD).plusNanos(1);

    assertThat(plan(at(10, 0), now, MissedRunPolicy.SKIP).runs()).isEmpty();
    assertThat(plan(at(10, 0), now, MissedRunPolicy.SKIP).missed()).isEqualTo(1);
    assertThat(plan(at(10, 0), now, MissedRunPolicy.RUN_ONCE).runs())
        .containsExactly(run(at(10, 0), RunTrigger.CATCH_UP));
  }

  // --- one missed slot --------------------------------------------------------------------------

  @Test
  void oneMissedSlot() {
    Instant now = at(9, 30);

    FirePlan skip = plan(at(9, 0), now, MissedRunPolicy.SKIP);
    assertThat(skip.runs()).isEmpty();
    assertThat(skip.missed()).isEqualTo(1);
    assertThat(skip.nextFireAt()).isEqualTo(at(10, 0));

    assertThat(plan(at(9, 0), now, MissedRunPolicy.RUN_ONCE).runs())
        .containsExactly(run(at(9, 0), RunTrigger.CATCH_UP));
    assertThat(plan(at(9, 0), now, MissedRunPolicy.BACKFILL).runs())
        .containsExactly(run(at(9, 0), RunTrigger.BACKFILL));
  }

  // --- three missed slots -----------------------------------------------------------------------

  @Test
  void threeMissedSlots() {
    Instant now = at(9, 30);

    FirePlan skip = plan(at(7, 0), now, MissedRunPolicy.SKIP);
    assertThat(skip.runs()).isEmpty();
    assertThat(skip.missed()).isEqualTo(3);
    assertThat(skip.nextFireAt()).isEqualTo(at(10, 0));

    assertThat(plan(at(7, 0), now, MissedRunPolicy.RUN_ONCE).runs())
        .containsExactly(run(at(9, 0), RunTrigger.CATCH_UP));
    assertThat(plan(at(7, 0), now, MissedRunPolicy.BACKFILL).runs())
        .containsExactly(
            run(at(7, 0), RunTrigger.BACKFILL),
            run(at(8, 0), RunTrigger.BACKFILL),
            run(at(9, 0), RunTrigger.BACKFILL));
  }

  @Test
  void backfillKeepsTheLatestMaxMissedSlots() {
    FirePlan plan =
        MissedRuns.plan(
            at(7, 0),
            HOURLY,
            at(9, 30),
            THRESHOLD,
            MissedRunPolicy.BACKFILL,
            2,
            Duration.ofHours(24));

    assertThat(plan.runs())
        .containsExactly(run(at(8, 0), RunTrigger.BACKFILL), run(at(9, 0), RunTrigger.BACKFILL));
    assertThat(plan.missed()).isEqualTo(3);
  }

  // --- twenty missed slots, and the slot of now on time -----------------------------------------

  @Test
  void twentyMissedSlotsThenAnOnTimeOne() {
    Instant now = at(20, 2);

    FirePlan skip = plan(at(0, 0), now, MissedRunPolicy.SKIP);
    assertThat(skip.runs()).containsExactly(run(at(20, 0), RunTrigger.SCHEDULED));
    assertThat(skip.missed()).isEqualTo(20);
    assertThat(skip.nextFireAt()).isEqualTo(at(21, 0));

    // RUN_ONCE: the on-time run is the catch-up, no second run
    assertThat(plan(at(0, 0), now, MissedRunPolicy.RUN_ONCE).runs())
        .containsExactly(run(at(20, 0), RunTrigger.SCHEDULED));

    assertThat(plan(at(0, 0), now, MissedRunPolicy.BACKFILL).runs())
        .containsExactly(
            run(at(15, 0), RunTrigger.BACKFILL),
            run(at(16, 0), RunTrigger.BACKFILL),
            run(at(17, 0), RunTrigger.BACKFILL),
            run(at(18, 0), RunTrigger.BACKFILL),
            run(at(19, 0), RunTrigger.BACKFILL),
            run(at(20, 0), RunTrigger.SCHEDULED));
  }

  @Test
  void twentyMissedSlotsAndNoneOnTime() {
    Instant now = at(19, 30);

    assertThat(plan(at(0, 0), now, MissedRunPolicy.SKIP).runs()).isEmpty();
    assertThat(plan(at(0, 0), now, MissedRunPolicy.SKIP).missed()).isEqualTo(20);
    assertThat(plan(at(0, 0), now, MissedRunPolicy.RUN_ONCE).runs())
        .containsExactly(run(at(19, 0), RunTrigger.CATCH_UP));
    assertThat(plan(at(0, 0), now, MissedRunPolicy.BACKFILL).runs())
        .extracting(PlannedRun::slot)
        .containsExactly(at(15, 0), at(16, 0), at(17, 0), at(18, 0), at(19, 0));
  }

  // --- the backfill deadline --------------------------------------------------------------------

  @Test
  void aSlotExactlyAtTheDeadlineIsBackfilled() {
    Instant now = at(9, 30);
    Duration deadline = Duration.between(at(7, 0), now);

    FirePlan plan =
        MissedRuns.plan(at(7, 0), HOURLY, now, THRESHOLD, MissedRunPolicy.BACKFILL, 10, deadline);

    assertThat(plan.runs())
        .extracting(PlannedRun::slot)
        .containsExactly(at(7, 0), at(8, 0), at(9, 0));
  }

  @Test
  void aSlotJustBeforeTheDeadlineIsNotBackfilled() {
    Instant now = at(9, 30);
    Duration deadline = Duration.between(at(7, 0), now).minusNanos(1);

    FirePlan plan =
        MissedRuns.plan(at(7, 0), HOURLY, now, THRESHOLD, MissedRunPolicy.BACKFILL, 10, deadline);

    assertThat(plan.runs()).extracting(PlannedRun::slot).containsExactly(at(8, 0), at(9, 0));
    assertThat(plan.missed()).isEqualTo(3);
  }

  // --- never a storm ----------------------------------------------------------------------------

  @Test
  void runOnceNeverMakesMoreThanOneRunWhateverTheDowntime() {
    for (int downtimeMinutes = 0; downtimeMinutes <= 3 * 24 * 60; downtimeMinutes += 7) {
      Instant now = at(0, 0).plus(Duration.ofMinutes(downtimeMinutes));

      FirePlan plan = plan(at(0, 0), now, MissedRunPolicy.RUN_ONCE);

      assertThat(plan.runs()).as("downtime %d min", downtimeMinutes).hasSize(1);
      assertThat(plan.runs().get(0).slot()).isEqualTo(now.truncatedTo(ChronoUnit.HOURS));
      assertThat(plan.nextFireAt()).isEqualTo(now.truncatedTo(ChronoUnit.HOURS).plusSeconds(3600));
    }
  }

  @Test
  void aWeekOfDowntimeWithACronEverySecondIsBoundedAndExact() {
    Policy everySecond = new Policy();
    everySecond.scheduleKind = ScheduleKind.CRON;
    everySecond.cronExpression = "* * * * * ?";
    everySecond.timeZone = "UTC";
    AtomicInteger calls = new AtomicInteger();
    UnaryOperator<Optional<Instant>> next =
        slot -> {
          calls.incrementAndGet();
          return slot.flatMap(s -> SlotCalculator.next(everySecond, 1, s));
        };
    Instant firstDue = Instant.parse("2024-03-01T00:00:00Z");
    Instant now = Instant.parse("2024-03-08T00:00:00.500Z");

    long started = System.nanoTime();
    FirePlan plan =
        MissedRuns.plan(
            firstDue, next, now, THRESHOLD, MissedRunPolicy.RUN_ONCE, null, Duration.ZERO);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(plan.runs())
        .containsExactly(run(Instant.parse("2024-03-08T00:00:00Z"), RunTrigger.SCHEDULED));
    assertThat(plan.nextFireAt()).isEqualTo(Instant.parse("2024-03-08T00:00:01Z"));
    assertThat(calls.get()).isLessThanOrEqualTo(2 * MissedRuns.MAX_SLOTS + 2);
    assertThat(took).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void afterALongDowntimeRunOnceCatchesUpTheLatestMissedSlotNotAnOldOne() {
    Instant firstDue = Instant.parse("2024-03-01T00:00:00Z");
    Instant now = Instant.parse("2024-03-08T00:00:00.500Z");

    FirePlan plan =
        MissedRuns.plan(
            firstDue,
            EVERY_SECOND,
            now,
            Duration.ofMillis(100),
            MissedRunPolicy.RUN_ONCE,
            null,
            Duration.ZERO);

    assertThat(plan.runs())
        .containsExactly(run(Instant.parse("2024-03-08T00:00:00Z"), RunTrigger.CATCH_UP));
    assertThat(plan.nextFireAt()).isEqualTo(Instant.parse("2024-03-08T00:00:01Z"));
  }

  @Test
  void afterALongDowntimeBackfillRunsTheLatestSlotsWithinTheDeadline() {
    Instant firstDue = Instant.parse("2024-03-01T00:00:00Z");
    Instant now = Instant.parse("2024-03-08T00:00:00.500Z");

    FirePlan plan =
        MissedRuns.plan(
            firstDue,
            EVERY_SECOND,
            now,
            Duration.ofMillis(100),
            MissedRunPolicy.BACKFILL,
            3,
            Duration.ofHours(1));

    assertThat(plan.runs())
        .containsExactly(
            run(Instant.parse("2024-03-07T23:59:58Z"), RunTrigger.BACKFILL),
            run(Instant.parse("2024-03-07T23:59:59Z"), RunTrigger.BACKFILL),
            run(Instant.parse("2024-03-08T00:00:00Z"), RunTrigger.BACKFILL));
    assertThat(plan.nextFireAt()).isEqualTo(Instant.parse("2024-03-08T00:00:01Z"));
  }

  @Test
  void aThresholdCoveringMoreThanTheBoundStillEndsAtTheFirstSlotAfterNow() {
    AtomicInteger calls = new AtomicInteger();
    UnaryOperator<Optional<Instant>> next =
        slot -> {
          calls.incrementAndGet();
          return EVERY_SECOND.apply(slot);
        };
    Instant now = Instant.parse("2024-03-08T00:00:00.500Z");

    FirePlan plan =
        MissedRuns.plan(
            Instant.parse("2024-03-01T00:00:00Z"),
            next,
            now,
            Duration.ofDays(1),
            MissedRunPolicy.RUN_ONCE,
            null,
            Duration.ZERO);

    assertThat(plan.runs()).hasSize(1);
    assertThat(plan.nextFireAt()).isEqualTo(Instant.parse("2024-03-08T00:00:01Z"));
    assertThat(calls.get()).isLessThanOrEqualTo(2 * MissedRuns.MAX_SLOTS + 2);
  }

  @Test
  void aScheduleThatNeverFiresAgainHasNoNextFireTime() {
    UnaryOperator<Optional<Instant>> once = slot -> Optional.empty();

    FirePlan plan =
        MissedRuns.plan(
            at(9, 0), once, at(12, 0), THRESHOLD, MissedRunPolicy.RUN_ONCE, null, Duration.ZERO);

    assertThat(plan.runs()).containsExactly(run(at(9, 0), RunTrigger.CATCH_UP));
    assertThat(plan.nextFireAt()).isNull();
  }

  @Test
  void runsAreOrderedOldestFirst() {
    List<PlannedRun> runs = plan(at(0, 0), at(20, 2), MissedRunPolicy.BACKFILL).runs();

    assertThat(runs).extracting(PlannedRun::slot).isSorted();
  }
}
