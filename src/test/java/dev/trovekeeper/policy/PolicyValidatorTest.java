package dev.trovekeeper.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.api.Problem.FieldError;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyValidatorTest {

  /** A valid nightly CRON policy; each test changes what it is about. */
  private static Spec cron() {
    return new Spec();
  }

  private static Spec window() {
    Spec spec = new Spec();
    spec.kind = ScheduleKind.WINDOW;
    spec.cron = null;
    spec.windowStart = LocalTime.of(23, 0);
    spec.windowLength = 120;
    return spec;
  }

  private static List<String> fields(Spec spec) {
    return PolicyValidator.validate(spec.build()).stream().map(FieldError::field).toList();
  }

  @Test
  void aValidCronPolicyHasNoErrors() {
    assertThat(PolicyValidator.validate(cron().build())).isEmpty();
  }

  @Test
  void aValidWindowPolicyHasNoErrors() {
    assertThat(PolicyValidator.validate(window().build())).isEmpty();
  }

  @Test
  void aValidBackfillPolicyHasNoErrors() {
    Spec spec = cron();
    spec.missed = MissedRunPolicy.BACKFILL;
    spec.backfillMax = 3;
    spec.backfillDeadlineHours = 24;

    assertThat(PolicyValidator.validate(spec.build())).isEmpty();
  }

  @Test
  void theLimitsThemselvesAreValid() {
    Spec spec = cron();
    spec.name = "n".repeat(128);
    spec.keepLast = 10_000;
    spec.maxAgeDays = 3660;
    spec.keepDaily = 1;
    spec.keepWeekly = 10_000;
    spec.keepMonthly = 1;
    spec.fullIntervalDays = 366;
    spec.failedGraceHours = 0;
    spec.rpoTargetMinutes = 1;

    assertThat(PolicyValidator.validate(spec.build())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0 0 25 * * ?", "not a cron", "0 0 2 * *", "0 0 2 * * * * *", " "})
  void anInvalidCronIsReported(String expression) {
    Spec spec = cron();
    spec.cron = expression;

    List<FieldError> errors = PolicyValidator.validate(spec.build());

    assertThat(errors).extracting(FieldError::field).containsExactly("cronExpression");
    assertThat(errors.get(0).message()).isNotBlank();
  }

  @Test
  void aCronPolicyNeedsAnExpression() {
    Spec spec = cron();
    spec.cron = null;

    assertThat(fields(spec)).containsExactly("cronExpression");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void aBlankNameIsReported(String name) {
    Spec spec = cron();
    spec.name = name;

    assertThat(fields(spec)).containsExactly("name");
  }

  @Test
  void aMissingOrTooLongNameIsReported() {
    Spec missing = cron();
    missing.name = null;
    Spec tooLong = cron();
    tooLong.name = "n".repeat(129);

    assertThat(fields(missing)).containsExactly("name");
    assertThat(fields(tooLong)).containsExactly("name");
  }

  @Test
  void anUnknownTimeZoneIsReportedOnce() {
    Spec spec = cron();
    spec.zone = "Mars/Olympus_Mons";

    List<FieldError> errors = PolicyValidator.validate(spec.build());

    assertThat(errors).extracting(FieldError::field).containsExactly("timeZone");
    assertThat(errors.get(0).message()).contains("Mars/Olympus_Mons");
  }

  @Test
  void aMissingScheduleKindIsReported() {
    Spec spec = cron();
    spec.kind = null;

    assertThat(fields(spec)).containsExactly("scheduleKind");
  }

  @Test
  void everyZeroOrNegativeRetentionValueIsReportedOnce() {
    Spec spec = cron();
    spec.keepLast = 0;
    spec.maxAgeDays = -1;
    spec.keepDaily = 0;
    spec.keepWeekly = -7;
    spec.keepMonthly = 0;

    assertThat(fields(spec))
        .containsExactlyInAnyOrder(
            "keepLast", "maxAgeDays", "keepDaily", "keepWeekly", "keepMonthly");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 10_001})
  void aMaxChainLengthOutOfRangeIsReported(int length) {
    Spec spec = cron();
    spec.maxChainLength = length;

    List<FieldError> errors = PolicyValidator.validate(spec.build());

    assertThat(errors).extracting(FieldError::field).containsExactly("maxChainLength");
    assertThat(errors.get(0).message()).isEqualTo("must be between 1 and 10000");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 10_000})
  void aMaxChainLengthInRangeIsValid(int length) {
    Spec spec = cron();
    spec.maxChainLength = length;

    assertThat(fields(spec)).isEmpty();
  }

  @Test
  void aPolicyWithoutAnyRetentionRuleIsReported() {
    Spec spec = cron();
    spec.keepLast = null;

    List<FieldError> errors = PolicyValidator.validate(spec.build());

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).message()).contains("maxAgeDays").contains("keepMonthly");
  }

  @Test
  void aNegativeFailedGraceIsReportedOnceUnderItsOwnName() {
    Spec spec = cron();
    spec.failedGraceHours = -1;

    assertThat(fields(spec)).containsExactly("failedGraceHours");
  }

  @Test
  void aWindowPolicyNeedsAStartAndALength() {
    Spec spec = window();
    spec.windowStart = null;
    spec.windowLength = null;

    assertThat(fields(spec)).containsExactlyInAnyOrder("windowStart", "windowLengthMinutes");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -60, 24 * 60 + 1})
  void aWindowLengthOutOfRangeIsReported(int minutes) {
    Spec spec = window();
    spec.windowLength = minutes;

    assertThat(fields(spec)).containsExactly("windowLengthMinutes");
  }

  @Test
  void backfillNeedsAMaxAndADeadline() {
    Spec spec = cron();
    spec.missed = MissedRunPolicy.BACKFILL;

    assertThat(fields(spec)).containsExactlyInAnyOrder("backfillMax", "backfillDeadlineHours");
  }

  @Test
  void backfillWithoutADeadlineNamesTheDeadline() {
    Spec spec = cron();
    spec.missed = MissedRunPolicy.BACKFILL;
    spec.backfillMax = 3;

    assertThat(fields(spec)).containsExactly("backfillDeadlineHours");
  }

  @Test
  void backfillWithoutAMaxNamesTheMax() {
    Spec spec = cron();
    spec.missed = MissedRunPolicy.BACKFILL;
    spec.backfillDeadlineHours = 24;

    assertThat(fields(spec)).containsExactly("backfillMax");
  }

  @Test
  void backfillValuesAreOnlyCheckedForBackfill() {
    Spec spec = cron();
    spec.missed = MissedRunPolicy.RUN_ONCE;
    spec.backfillMax = 0;

    assertThat(fields(spec)).isEmpty();
  }

  @Test
  void hugeValuesAreReported() {
    Spec spec = cron();
    spec.keepLast = 10_001;
    spec.maxAgeDays = 3661;
    spec.keepDaily = Integer.MAX_VALUE;
    spec.keepWeekly = 10_001;
    spec.keepMonthly = 10_001;
    spec.fullIntervalDays = 367;
    spec.failedGraceHours = 24 * 365 + 1;
    spec.rpoTargetMinutes = Integer.MAX_VALUE;
    spec.missed = MissedRunPolicy.BACKFILL;
    spec.backfillMax = 101;
    spec.backfillDeadlineHours = 24 * 31 + 1;

    assertThat(fields(spec))
        .containsExactlyInAnyOrder(
            "keepLast",
            "maxAgeDays",
            "keepDaily",
            "keepWeekly",
            "keepMonthly",
            "fullIntervalDays",
            "failedGraceHours",
            "rpoTargetMinutes",
            "backfillMax",
            "backfillDeadlineHours");
  }

  private static final java.time.Instant NOW = java.time.Instant.parse("2030-01-15T10:00:00Z");

  private static List<FieldError> scheduleErrors(String cron, java.time.Duration min) {
    Spec spec = cron();
    spec.cron = cron;
    return PolicyValidator.validate(spec.build(), NOW, min);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0 0 0 31 2 ?", "0 0 0 30 2 ?", "0 0 0 1 1 ? 2020", "0 0 0 1 1 ? 2029"})
  void aCronThatNeverFiresAgainIsReported(String expression) {
    List<FieldError> errors = scheduleErrors(expression, java.time.Duration.ofHours(1));
    assertThat(errors).extracting(FieldError::field).containsExactly("cronExpression");
    assertThat(errors.get(0).message()).startsWith("never fires");
  }

  @Test
  void aCronFiringOnceInTheFutureIsValid() {
    assertThat(scheduleErrors("0 0 0 1 1 ? 2099", java.time.Duration.ofHours(1))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"* * * * * ?", "*/30 * * * * ?", "0 */5 * * * ?", "0 0 1,2 * * ?"})
  void aCronFiringMoreOftenThanTheFleetMinimumIsReported(String expression) {
    List<FieldError> errors = scheduleErrors(expression, java.time.Duration.ofHours(2));
    assertThat(errors).extracting(FieldError::field).containsExactly("cronExpression");
    assertThat(errors.get(0).message()).contains("at least 2h apart");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0 0 2 * * ?", "0 0 */2 * * ?", "0 0 2,14 * * ?"})
  void aCronWithinTheFleetMinimumIsValid(String expression) {
    assertThat(scheduleErrors(expression, java.time.Duration.ofHours(2))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0 0 2 * * ?\u0000", "0 0\t2 * * ?", "0 0 2 * * ?\n"})
  void controlCharactersInACronAreReported(String expression) {
    Spec spec = cron();
    spec.cron = expression;
    assertThat(fields(spec)).containsExactly("cronExpression");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nightly\u0000", "a\nb", "\u001b[31mred"})
  void controlCharactersInANameAreReported(String name) {
    Spec spec = cron();
    spec.name = name;
    assertThat(fields(spec)).containsExactly("name");
  }

  @Test
  void aTooLongCronExpressionIsReported() {
    Spec spec = cron();
    spec.cron = "0 0 2 * * ?" + " ".repeat(130);

    assertThat(fields(spec)).containsExactly("cronExpression");
  }

  @Test
  void everyInvalidFieldIsReportedNotJustTheFirst() {
    Spec spec = cron();
    spec.name = " ";
    spec.cron = "0 0 25 * * ?";
    spec.zone = "Nowhere/Special";
    spec.keepLast = 0;
    spec.rpoTargetMinutes = 0;
    spec.missed = MissedRunPolicy.BACKFILL;

    assertThat(fields(spec))
        .containsExactlyInAnyOrder(
            "name",
            "cronExpression",
            "timeZone",
            "keepLast",
            "rpoTargetMinutes",
            "backfillMax",
            "backfillDeadlineHours");
  }

  /** Mutable fields of a {@link PolicySpec}, so each test states only what it changes. */
  private static final class Spec {
    String name = "nightly";
    ScheduleKind kind = ScheduleKind.CRON;
    String cron = "0 0 2 * * ?";
    String zone = "Europe/Berlin";
    LocalTime windowStart;
    Integer windowLength;
    Integer fullIntervalDays = 7;
    Integer maxChainLength;
    Integer keepLast = 14;
    Integer maxAgeDays;
    Integer keepDaily;
    Integer keepWeekly;
    Integer keepMonthly;
    Integer failedGraceHours = 24;
    MissedRunPolicy missed = MissedRunPolicy.RUN_ONCE;
    Integer backfillMax;
    Integer backfillDeadlineHours;
    Integer rpoTargetMinutes = 1500;

    PolicySpec build() {
      return new PolicySpec(
          name,
          kind,
          cron,
          zone,
          windowStart,
          windowLength,
          fullIntervalDays,
          maxChainLength,
          keepLast,
          maxAgeDays,
          keepDaily,
          keepWeekly,
          keepMonthly,
          failedGraceHours,
          missed,
          backfillMax,
          backfillDeadlineHours,
          rpoTargetMinutes,
          false,
          null,
          null);
    }
  }
}
