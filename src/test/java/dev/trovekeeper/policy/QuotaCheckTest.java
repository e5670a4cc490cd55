package dev.trovekeeper.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class QuotaCheckTest {

  private static final Instant NOW = Instant.parse("2024-05-10T12:34:56Z");

  private static PolicySpec cron(
      String expression,
      Integer keepLast,
      Integer maxAgeDays,
      Integer daily,
      Integer weekly,
      Integer monthly) {
    return new PolicySpec(
        "p",
        ScheduleKind.CRON,
        expression,
        "Europe/Berlin",
        null,
        null,
        null,
        null,
        keepLast,
        maxAgeDays,
        daily,
        weekly,
        monthly,
        null,
        null,
        null,
        null,
        null,
        false,
        null,
        null);
  }

  private static PolicySpec window(Integer keepLast, Integer maxAgeDays) {
    return new PolicySpec(
        "p",
        ScheduleKind.WINDOW,
        null,
        "UTC",
        LocalTime.of(1, 0),
        120,
        null,
        null,
        keepLast,
        maxAgeDays,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        null,
        null);
  }

  @Test
  void anHourlyCronRuns24TimesADay() {
    assertThat(QuotaCheck.runsPerDay(cron("0 0 * * * ?", 1, null, null, null, null), NOW))
        .isEqualTo(24);
  }

  @Test
  void otherCronsAndWindows() {
    assertThat(QuotaCheck.runsPerDay(cron("0 */5 * * * ?", 1, null, null, null, null), NOW))
        .isEqualTo(288);
    assertThat(QuotaCheck.runsPerDay(cron("0 0 2 * * ?", 1, null, null, null, null), NOW))
        .isEqualTo(1);
    assertThat(QuotaCheck.runsPerDay(cron("0 0 2 ? * MON", 1, null, null, null, null), NOW))
        .isEqualTo(1);
    assertThat(QuotaCheck.runsPerDay(window(1, null), NOW)).isEqualTo(1);
  }

  @Test
  void aCronEverySecondIsCountedUpToTheBound() {
    assertThat(QuotaCheck.runsPerDay(cron("* * * * * ?", 1, null, null, null, null), NOW))
        .isEqualTo(10_000);
  }

  @Test
  void keepLastAloneKeepsThatManyPlusOneInFlight() {
    assertThat(QuotaCheck.retainedPerInstance(cron("0 0 * * * ?", 14, null, null, null, null), NOW))
        .isEqualTo(15);
  }

  @Test
  void maxAgeKeepsEveryRunOfThoseDays() {
    assertThat(QuotaCheck.retainedPerInstance(cron("0 0 * * * ?", null, 7, null, null, null), NOW))
        .isEqualTo(24 * 7 + 1);
    assertThat(QuotaCheck.retainedPerInstance(window(null, 30), NOW)).isEqualTo(31);
  }

  @Test
  void theCalendarRulesAddUp() {
    assertThat(QuotaCheck.retainedPerInstance(cron("0 0 * * * ?", null, null, 7, 4, 12), NOW))
        .isEqualTo(7 + 4 + 12 + 1);
  }

  @Test
  void theLargestRuleWins() {
    assertThat(QuotaCheck.retainedPerInstance(cron("0 0 * * * ?", 200, 7, 7, 4, 12), NOW))
        .isEqualTo(201);
    assertThat(QuotaCheck.retainedPerInstance(cron("0 0 * * * ?", 100, 7, 7, 4, 12), NOW))
        .isEqualTo(24 * 7 + 1);
    assertThat(QuotaCheck.retainedPerInstance(cron("0 0 * * * ?", 30, 1, 7, 4, 12), NOW))
        .isEqualTo(31);
    assertThat(QuotaCheck.retainedPerInstance(cron("0 0 2 * * ?", 3, 2, 7, 4, 12), NOW))
        .isEqualTo(24);
  }
}
