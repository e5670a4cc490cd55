package dev.trovekeeper.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.ScheduleKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SlotCalculatorTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static Policy cron(String expression, String zone) {
    Policy policy = new Policy();
    policy.scheduleKind = ScheduleKind.CRON;
    policy.cronExpression = expression;
    policy.timeZone = zone;
    return policy;
  }

  private static Policy window(LocalTime start, int minutes, String zone) {
    Policy policy = new Policy();
    policy.scheduleKind = ScheduleKind.WINDOW;
    policy.windowStart = start;
    policy.windowLengthMinutes = minutes;
    policy.timeZone = zone;
    return policy;
  }

  private static Instant next(Policy policy, long target, Instant after) {
    return SlotCalculator.next(policy, target, after).orElseThrow();
  }

  private static List<Instant> slots(Policy policy, Instant after, int count) {
    List<Instant> slots = new ArrayList<>();
    Instant slot = after;
    for (int i = 0; i < count; i++) {
      slot = next(policy, 7, slot);
      slots.add(slot);
    }
    return slots;
  }

  private static Instant berlin(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
  }

  // --- cron -------------------------------------------------------------------------------------

  @Test
  void aDailyCronInUtcFiresStrictlyAfterTheGivenInstant() {
    Policy daily = cron("0 0 2 * * ?", "UTC");

    assertThat(next(daily, 1, Instant.parse("2024-05-10T12:00:00Z")))
        .isEqualTo(Instant.parse("2024-05-11T02:00:00Z"));
    assertThat(next(daily, 1, Instant.parse("2024-05-11T01:59:59.999Z")))
        .isEqualTo(Instant.parse("2024-05-11T02:00:00Z"));
    assertThat(next(daily, 1, Instant.parse("2024-05-11T02:00:00Z")))
        .isEqualTo(Instant.parse("2024-05-12T02:00:00Z"));
  }

  @Test
  void aCronInBerlinKeepsItsLocalTimeAcrossTheSpringChange() {
    // 2024-03-31 is the last Sunday of March: 02:00 CET becomes 03:00 CEST
    List<Instant> slots =
        slots(cron("0 0 1 * * ?", "Europe/Berlin"), berlin("2024-03-29T12:00"), 3);

    assertThat(slots)
        .containsExactly(
            Instant.parse("2024-03-30T00:00:00Z"),
            Instant.parse("2024-03-31T00:00:00Z"),
            Instant.parse("2024-03-31T23:00:00Z"));
    assertThat(slots)
        .allSatisfy(s -> assertThat(s.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(1, 0)));
  }

  @Test
  void aCronInBerlinKeepsItsLocalTimeAcrossTheAutumnChange() {
    // 2024-10-27 is the last Sunday of October: 03:00 CEST becomes 02:00 CET
    List<Instant> slots =
        slots(cron("0 0 4 * * ?", "Europe/Berlin"), berlin("2024-10-25T12:00"), 3);

    assertThat(slots)
        .containsExactly(
            Instant.parse("2024-10-26T02:00:00Z"),
            Instant.parse("2024-10-27T03:00:00Z"),
            Instant.parse("2024-10-28T03:00:00Z"));
    assertThat(Duration.between(slots.get(0), slots.get(1))).isEqualTo(Duration.ofHours(25));
  }

  @Test
  void aCronInTheRepeatedAutumnHourFiresOnce() {
    List<Instant> slots =
        slots(cron("0 30 2 * * ?", "Europe/Berlin"), berlin("2024-10-26T12:00"), 2);

    assertThat(slots)
        .containsExactly(
            Instant.parse("2024-10-27T00:30:00Z"), Instant.parse("2024-10-28T01:30:00Z"));
  }

  @Test
  void theSameCronInUtcAndInBerlinFiresAtDifferentInstants() {
    Instant after = Instant.parse("2024-07-01T12:00:00Z");

    assertThat(next(cron("0 0 2 * * ?", "UTC"), 1, after))
        .isEqualTo(Instant.parse("2024-07-02T02:00:00Z"));
    assertThat(next(cron("0 0 2 * * ?", "Europe/Berlin"), 1, after))
        .isEqualTo(Instant.parse("2024-07-02T00:00:00Z"));
  }

  @Test
  void everyFiveSeconds() {
    Policy policy = cron("*/5 * * * * ?", "UTC");

    assertThat(slots(policy, Instant.parse("2024-05-10T12:00:03Z"), 3))
        .containsExactly(
            Instant.parse("2024-05-10T12:00:05Z"),
            Instant.parse("2024-05-10T12:00:10Z"),
            Instant.parse("2024-05-10T12:00:15Z"));
    assertThat(next(policy, 1, Instant.parse("2024-05-10T12:00:55Z")))
        .isEqualTo(Instant.parse("2024-05-10T12:01:00Z"));
  }

  @Test
  void cronSlotsAreWholeSecondsWhenTheInstantHasAFraction() {
    Instant after = Instant.parse("2024-05-10T12:00:00.500Z");

    assertThat(next(cron("* * * * * ?", "UTC"), 1, after))
        .isEqualTo(Instant.parse("2024-05-10T12:00:01Z"));
    assertThat(next(cron("* * * * * ?", "UTC"), 1, after.minusNanos(500_000_001)))
        .isEqualTo(Instant.parse("2024-05-10T12:00:00Z"));
    assertThat(next(cron("*/5 * * * * ?", "UTC"), 1, after))
        .isEqualTo(Instant.parse("2024-05-10T12:00:05Z"));
    assertThat(next(cron("0 0 2 * * ?", "UTC"), 1, after))
        .isEqualTo(Instant.parse("2024-05-11T02:00:00Z"));
  }

  @Test
  void aCronWhoseLastYearIsPastNeverFiresAgain() {
    assertThat(
            SlotCalculator.next(
                cron("0 0 0 1 1 ? 2020", "UTC"), 1, Instant.parse("2024-05-10T00:00:00Z")))
        .isEmpty();
  }

  @Test
  void theTargetDoesNotMoveACron() {
    Policy policy = cron("0 15 3 * * ?", "UTC");
    Instant after = Instant.parse("2024-05-10T00:00:00Z");

    assertThat(next(policy, 1, after)).isEqualTo(next(policy, 987_654, after));
  }

  // --- window -----------------------------------------------------------------------------------

  @Test
  void windowSlotsAreStrictlyAfterTheGivenInstantAndOneADay() {
    Policy policy = window(LocalTime.of(1, 0), 120, "UTC");
    Instant after = Instant.parse("2024-05-10T00:00:00Z");
    for (int step = 0; step < 3 * 24 * 60 / 7; step++, after = after.plus(Duration.ofMinutes(7))) {
      Instant slot = next(policy, 42, after);

      assertThat(slot).isAfter(after);
      assertThat(Duration.between(after, slot)).isLessThanOrEqualTo(Duration.ofDays(1));
      assertThat(next(policy, 42, slot)).isEqualTo(slot.plus(Duration.ofDays(1)));
    }
  }

  @Test
  void theWindowSlotItselfIsNotReturnedAgain() {
    Policy policy = window(LocalTime.of(1, 0), 120, "UTC");
    Instant slot = next(policy, 42, Instant.parse("2024-05-10T00:00:00Z"));

    assertThat(next(policy, 42, slot.minusNanos(1))).isEqualTo(slot);
    assertThat(next(policy, 42, slot)).isEqualTo(slot.plus(Duration.ofDays(1)));
  }

  @Test
  void theSameTargetAlwaysGetsTheSameOffset() {
    Policy policy = window(LocalTime.of(1, 0), 120, "UTC");
    Duration offset = SlotCalculator.jitter(42, Duration.ofMinutes(120));

    for (LocalDate day = LocalDate.of(2024, 1, 1); day.getYear() == 2024; day = day.plusDays(9)) {
      Instant dayStart = day.atStartOfDay(ZoneId.of("UTC")).toInstant();

      assertThat(next(policy, 42, dayStart))
          .isEqualTo(dayStart.plus(Duration.ofHours(1)).plus(offset));
    }
    assertThat(SlotCalculator.jitter(42, Duration.ofMinutes(120))).isEqualTo(offset);
  }

  @Test
  void differentTargetsGetDifferentOffsets() {
    assertThat(
            LongStream.rangeClosed(1, 100)
                .mapToObj(id -> SlotCalculator.jitter(id, Duration.ofHours(2)))
                .distinct()
                .count())
        .isGreaterThan(95);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 30, 120, 480, 1440})
  void theJitterIsInsideTheWindowInWholeSeconds(int minutes) {
    Duration window = Duration.ofMinutes(minutes);
    long[] ids = {0, 1, 2, -1, -42, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40, 123_456_789};
    LongStream candidates = LongStream.concat(LongStream.of(ids), LongStream.rangeClosed(1, 5000));

    candidates.forEach(
        id -> {
          Duration jitter = SlotCalculator.jitter(id, window);
          assertThat(jitter)
              .as("target %d", id)
              .isGreaterThanOrEqualTo(Duration.ZERO)
              .isLessThan(window);
          assertThat(jitter.getNano()).isZero();
        });
  }

  @ParameterizedTest
  @ValueSource(ints = {30, 60, 120, 480, 1440})
  void aThousandConsecutiveTargetsSpreadOverTheWindow(int minutes) {
    for (long firstId : new long[] {1, 100_001}) {
      long window = Duration.ofMinutes(minutes).toSeconds();
      int[] quarters = new int[4];
      for (long id = firstId; id < firstId + 1000; id++) {
        quarters[
            (int)
                (SlotCalculator.jitter(id, Duration.ofMinutes(minutes)).toSeconds()
                    * 4
                    / window)]++;
      }

      assertThat(Arrays.stream(quarters).boxed().toList())
          .as("ids from %d", firstId)
          .allSatisfy(n -> assertThat(n).isBetween(150, 350));
    }
  }

  @Test
  void aWindowCrossingMidnightInTheZoneStillFiresForTheWindowOfTheDayBefore() {
    Policy policy = window(LocalTime.of(23, 0), 120, "Europe/Berlin");
    long target = lateTarget(Duration.ofMinutes(120));
    Duration jitter = SlotCalculator.jitter(target, Duration.ofMinutes(120));
    Instant windowOfTheTenth = berlin("2024-05-10T23:00").plus(jitter);
    assertThat(windowOfTheTenth.atZone(BERLIN).toLocalDate()).isEqualTo(LocalDate.of(2024, 5, 11));

    // just after midnight, the window that opened on the 10th has not fired yet
    assertThat(next(policy, target, berlin("2024-05-11T00:00"))).isEqualTo(windowOfTheTenth);
    assertThat(next(policy, target, berlin("2024-05-10T22:00"))).isEqualTo(windowOfTheTenth);
    assertThat(next(policy, target, windowOfTheTenth))
        .isEqualTo(berlin("2024-05-11T23:00").plus(jitter));
  }

  @Test
  void aWindowInBerlinStartsAtTheLocalTimeAcrossTheSpringChange() {
    Policy policy = window(LocalTime.of(4, 0), 60, "Europe/Berlin");
    Duration jitter = SlotCalculator.jitter(3, Duration.ofMinutes(60));

    assertThat(next(policy, 3, berlin("2024-03-30T12:00")))
        .isEqualTo(berlin("2024-03-31T04:00").plus(jitter));
    assertThat(next(policy, 3, berlin("2024-03-31T12:00")))
        .isEqualTo(berlin("2024-04-01T04:00").plus(jitter));
    assertThat(
            ZonedDateTime.ofInstant(next(policy, 3, berlin("2024-03-31T12:00")), BERLIN).getHour())
        .isEqualTo(4);
  }

  /** A target whose slot is in the second half of the window, found, not hard-coded. */
  private static long lateTarget(Duration window) {
    return LongStream.rangeClosed(1, 1000)
        .filter(id -> SlotCalculator.jitter(id, window).compareTo(window.dividedBy(2)) > 0)
        .findFirst()
        .orElseThrow();
  }
}
