package dev.trovekeeper.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class RetentionFeasibilityTest {

  private static final Instant NOW = Instant.parse("2024-05-10T12:34:56Z");

  private static PolicySpec spec(
      ScheduleKind kind, String cron, Integer fullIntervalDays, Integer keepLast, Integer daily) {
    return new PolicySpec(
        "p",
        kind,
        cron,
        "UTC",
        kind == ScheduleKind.WINDOW ? LocalTime.of(1, 0) : null,
        kind == ScheduleKind.WINDOW ? 60 : null,
        fullIntervalDays,
        null,
        keepLast,
        null,
        daily,
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
  void everyMinuteWithADailyFullKeepsADayOfBackupsNotKeepLast() {
    RetentionFeasibility f =
        RetentionFeasibility.of(spec(ScheduleKind.CRON, "0 * * * * ?", 1, 2, null), NOW);
    assertThat(f.runsPerDay()).isEqualTo(1440);
    assertThat(f.chainLength()).isEqualTo(1440);
    assertThat(f.byRules()).isEqualTo(2);
    assertThat(f.perInstance()).isEqualTo(2 + 1440 - 1 + 1);
    assertThat(f.chainsDominate()).isTrue();
    assertThat(f.explain(spec(ScheduleKind.CRON, "0 * * * * ?", 1, 2, null)))
        .contains("chain holds 1440 backups", "1440 a day x fullIntervalDays 1", "up to 1441");
  }

  @Test
  void allFullBackupsKeepWhatTheRulesSay() {
    RetentionFeasibility f =
        RetentionFeasibility.of(spec(ScheduleKind.CRON, "0 0 * * * ?", null, 5, null), NOW);
    assertThat(f.chainLength()).isEqualTo(1);
    assertThat(f.perInstance()).isEqualTo(6);
    assertThat(f.chainsDominate()).isFalse();
  }

  @Test
  void theDefaultPolicyKeepsUpToAWeekOfChainBeyondKeepLast() {
    // Daily window, full every 7 days, keep last 7: the oldest kept may need 6 more ancestors.
    RetentionFeasibility f =
        RetentionFeasibility.of(spec(ScheduleKind.WINDOW, null, 7, 7, null), NOW);
    assertThat(f.perInstance()).isEqualTo(7 + 6 + 1);
  }

  @Test
  void calendarRulesPullTheirChainsUpToABucket() {
    // Hourly, full daily, keep 7 daily: each daily keeps its day's chain (24) at worst.
    RetentionFeasibility f =
        RetentionFeasibility.of(spec(ScheduleKind.CRON, "0 0 * * * ?", 1, null, 7), NOW);
    assertThat(f.perInstance()).isEqualTo(7 * 24 + 1);
  }

  @Test
  void aMaximumChainLengthBoundsWhatIsKeptByKeepLast() {
    // The policy: a backup every minute, a full once a day, keep-last 2; chains of at
    // most 2 keep 3 at worst (the newest full and the whole chain before it), plus one in flight.
    PolicySpec everyMinute = spec(ScheduleKind.CRON, "0 * * * * ?", 1, 2, null);
    PolicySpec capped =
        new PolicySpec(
            everyMinute.name(),
            everyMinute.scheduleKind(),
            everyMinute.cronExpression(),
            everyMinute.timeZone(),
            null,
            null,
            1,
            2,
            2,
            null,
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
    RetentionFeasibility f = RetentionFeasibility.of(capped, NOW);
    assertThat(f.chainLength()).isEqualTo(2);
    assertThat(f.perInstance()).isEqualTo(2 + 2 - 1 + 1);
    assertThat(f.chainsDominate()).isTrue();
    assertThat(f.explain(capped)).contains("maxChainLength 2", "up to 3");
  }
}
