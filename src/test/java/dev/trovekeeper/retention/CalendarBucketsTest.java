package dev.trovekeeper.retention;

import static dev.trovekeeper.retention.History.at;
import static dev.trovekeeper.retention.History.completed;
import static dev.trovekeeper.retention.History.decide;
import static dev.trovekeeper.retention.History.deletedIds;
import static dev.trovekeeper.retention.History.keptIds;
import static dev.trovekeeper.retention.History.reasons;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.policy.RetentionRule;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CalendarBucketsTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void dailyKeepsTheNewestBackupOfEachDay() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().keepDaily(2).build(),
            completed("13-early", at("2025-03-13T01:00:00Z")),
            completed("13-late", at("2025-03-13T22:00:00Z")),
            completed("14-a", at("2025-03-14T02:00:00Z")),
            completed("14-b", at("2025-03-14T08:00:00Z")),
            completed("14-c", at("2025-03-14T20:00:00Z")));

    assertThat(keptIds(decision)).containsExactly("13-late", "14-c");
    assertThat(reasons(decision, "13-late")).containsExactly(KeepReason.DAILY);
    assertThat(deletedIds(decision)).containsExactly("13-early", "14-a", "14-b");
  }

  @Test
  void dailyCountsOnlyDaysThatHaveABackup() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().keepDaily(3).build(),
            completed("mar-01", at("2025-03-01T10:00:00Z")),
            completed("mar-05", at("2025-03-05T10:00:00Z")),
            completed("mar-09", at("2025-03-09T10:00:00Z")),
            completed("mar-14", at("2025-03-14T10:00:00Z")));

    assertThat(keptIds(decision)).containsExactly("mar-05", "mar-09", "mar-14");
    assertThat(deletedIds(decision)).containsExactly("mar-01");
  }

  @Test
  void weeklyUsesIsoWeeksFromMondayAcrossTheYearEnd() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().keepWeekly(2).build(),
            completed("w51-2024", at("2024-12-20T10:00:00Z")),
            completed("sun-w52-2024", at("2024-12-29T23:59:59Z")),
            completed("mon-w01-2025", at("2024-12-30T00:00:00Z")),
            completed("thu-w01-2025", at("2025-01-02T10:00:00Z")));

    assertThat(keptIds(decision)).containsExactly("sun-w52-2024", "thu-w01-2025");
    assertThat(reasons(decision, "sun-w52-2024")).containsExactly(KeepReason.WEEKLY);
    assertThat(deletedIds(decision)).containsExactly("w51-2024", "mon-w01-2025");
  }

  @Test
  void weeklySkipsWeeksWithoutBackups() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().keepWeekly(3).build(),
            completed("jan-06", at("2025-01-06T10:00:00Z")),
            completed("jan-20", at("2025-01-20T10:00:00Z")),
            completed("feb-17", at("2025-02-17T10:00:00Z")),
            completed("feb-19", at("2025-02-19T10:00:00Z")),
            completed("mar-10", at("2025-03-10T10:00:00Z")));

    assertThat(keptIds(decision)).containsExactly("jan-20", "feb-19", "mar-10");
  }

  @Test
  void monthlyKeepsTheNewestOfEachMonthAndSkipsEmptyMonths() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().keepMonthly(2).build(),
            completed("dec", at("2024-12-31T10:00:00Z")),
            completed("jan-1", at("2025-01-01T10:00:00Z")),
            completed("jan-31", at("2025-01-31T10:00:00Z")),
            completed("mar-1", at("2025-03-01T10:00:00Z")),
            completed("mar-14", at("2025-03-14T10:00:00Z")));

    assertThat(keptIds(decision)).containsExactly("jan-31", "mar-14");
    assertThat(reasons(decision, "jan-31")).containsExactly(KeepReason.MONTHLY);
    assertThat(deletedIds(decision)).containsExactly("dec", "jan-1", "mar-1");
  }

  @Test
  void aBackupAtHalfPastElevenUtcBelongsToTheNextDayInBerlin() {
    BackupRecord lateEvening = completed("a", at("2025-03-13T22:00:00Z"));
    BackupRecord halfPastEleven = completed("b", at("2025-03-13T23:30:00Z"));
    BackupRecord nextMorning = completed("c", at("2025-03-14T10:00:00Z"));

    RetentionDecision utc =
        decide(
            RetentionRule.builder().keepDaily(2).zone(ZoneOffset.UTC).build(),
            lateEvening,
            halfPastEleven,
            nextMorning);
    RetentionDecision berlin =
        decide(
            RetentionRule.builder().keepDaily(2).zone(BERLIN).build(),
            lateEvening,
            halfPastEleven,
            nextMorning);

    assertThat(keptIds(utc)).containsExactly("b", "c");
    assertThat(keptIds(berlin)).containsExactly("a", "c");
    assertThat(deletedIds(berlin)).containsExactly("b");
  }

  @Test
  void monthsAreCalendarMonthsOfTheZone() {
    BackupRecord january = completed("jan", at("2025-01-31T22:30:00Z"));
    BackupRecord lastOfJanuaryUtc = completed("jan-utc", at("2025-01-31T23:30:00Z"));
    BackupRecord february = completed("feb", at("2025-02-10T10:00:00Z"));

    RetentionDecision berlin =
        decide(
            RetentionRule.builder().keepMonthly(2).zone(BERLIN).build(),
            january,
            lastOfJanuaryUtc,
            february);

    assertThat(keptIds(berlin)).containsExactly("jan", "feb");
  }

  @Test
  void bucketsAreNamedByTheirFirstLocalDay() {
    var instant = at("2025-03-15T23:30:00Z");

    assertThat(CalendarBucket.DAILY.of(instant, BERLIN)).isEqualTo(LocalDate.of(2025, 3, 16));
    assertThat(CalendarBucket.WEEKLY.of(instant, BERLIN)).isEqualTo(LocalDate.of(2025, 3, 10));
    assertThat(CalendarBucket.WEEKLY.of(instant, ZoneOffset.UTC))
        .isEqualTo(LocalDate.of(2025, 3, 10));
    assertThat(CalendarBucket.MONTHLY.of(at("2025-03-31T22:30:00Z"), BERLIN))
        .isEqualTo(LocalDate.of(2025, 4, 1));
  }

  @Test
  void gfsRulesTogetherKeepTheUnionWithEveryReason() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().keepDaily(2).keepWeekly(2).keepMonthly(3).build(),
            completed("jan", at("2025-01-15T10:00:00Z")),
            completed("feb", at("2025-02-20T10:00:00Z")),
            completed("mar-03", at("2025-03-03T10:00:00Z")),
            completed("mar-11", at("2025-03-11T10:00:00Z")),
            completed("mar-13", at("2025-03-13T10:00:00Z")),
            completed("mar-14", at("2025-03-14T10:00:00Z")));

    assertThat(keptIds(decision)).containsExactly("jan", "feb", "mar-03", "mar-13", "mar-14");
    assertThat(reasons(decision, "mar-14"))
        .containsExactly(
            KeepReason.NEWEST_COMPLETED, KeepReason.DAILY, KeepReason.WEEKLY, KeepReason.MONTHLY);
    assertThat(reasons(decision, "mar-13")).containsExactly(KeepReason.DAILY);
    assertThat(reasons(decision, "mar-03")).containsExactly(KeepReason.WEEKLY);
    assertThat(reasons(decision, "feb")).containsExactly(KeepReason.MONTHLY);
    assertThat(deletedIds(decision)).containsExactly("mar-11");
  }

  @Test
  void keepLastMaxAgeAndGfsAreAUnion() {
    RetentionDecision decision =
        decide(
            RetentionRule.builder().keepLast(1).maxAgeDays(2).keepMonthly(2).build(),
            completed("jan", at("2025-01-15T10:00:00Z")),
            completed("feb-old", at("2025-02-01T10:00:00Z")),
            completed("feb", at("2025-02-28T10:00:00Z")),
            completed("mar-10", at("2025-03-10T10:00:00Z")),
            completed("mar-14", at("2025-03-14T10:00:00Z")),
            completed("mar-15", at("2025-03-15T10:00:00Z")));

    assertThat(keptIds(decision)).containsExactly("feb", "mar-14", "mar-15");
    assertThat(reasons(decision, "mar-15"))
        .containsExactly(
            KeepReason.NEWEST_COMPLETED,
            KeepReason.KEEP_LAST,
            KeepReason.WITHIN_MAX_AGE,
            KeepReason.MONTHLY);
    assertThat(reasons(decision, "mar-14")).containsExactly(KeepReason.WITHIN_MAX_AGE);
    assertThat(reasons(decision, "feb")).containsExactly(KeepReason.MONTHLY);
    assertThat(deletedIds(decision)).containsExactly("jan", "feb-old", "mar-10");
  }
}
