package dev.trovekeeper.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trovekeeper.api.ErrorCode;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionRuleTest {

  @Test
  void theBuilderDefaultsToADayOfGraceInUtc() {
    RetentionRule rule = RetentionRule.builder().keepLast(7).build();

    assertThat(rule)
        .isEqualTo(
            new RetentionRule(7, null, null, null, null, Duration.ofHours(24), ZoneOffset.UTC));
  }

  @Test
  void everyRuleCanBeSetTogether() {
    RetentionRule rule =
        RetentionRule.builder()
            .keepLast(1)
            .maxAgeDays(1)
            .keepDaily(1)
            .keepWeekly(1)
            .keepMonthly(1)
            .failedGrace(Duration.ZERO)
            .zone(ZoneId.of("Europe/Berlin"))
            .build();

    assertThat(rule.failedGrace()).isZero();
    assertThat(rule.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"keepLast", "maxAgeDays", "keepDaily", "keepWeekly", "keepMonthly"})
  void aSetCountBelowOneIsRejected(String field) {
    for (int invalid : new int[] {0, -1}) {
      assertThatThrownBy(() -> withCount(field, invalid).build())
          .isInstanceOfSatisfying(
              InvalidRetentionRuleException.class,
              e -> {
                assertThat(e.field()).isEqualTo(field);
                assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                assertThat(e.getMessage()).contains("at least 1").contains("was " + invalid);
              });
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"keepLast", "maxAgeDays", "keepDaily", "keepWeekly", "keepMonthly"})
  void anyOneKeepRuleIsEnough(String field) {
    assertThat(withCount(field, 1).build()).isNotNull();
  }

  @Test
  void aRuleThatKeepsNothingIsRejected() {
    assertThatThrownBy(() -> RetentionRule.builder().build())
        .isInstanceOf(InvalidRetentionRuleException.class)
        .hasMessageContaining("must be set");
  }

  @Test
  void aNegativeOrMissingGraceIsRejected() {
    assertThatThrownBy(
            () -> RetentionRule.builder().keepLast(1).failedGrace(Duration.ofSeconds(-1)).build())
        .isInstanceOfSatisfying(
            InvalidRetentionRuleException.class,
            e -> assertThat(e.field()).isEqualTo("failedGrace"));
    assertThatThrownBy(() -> RetentionRule.builder().keepLast(1).failedGrace(null).build())
        .isInstanceOf(InvalidRetentionRuleException.class);
  }

  @Test
  void aMissingZoneIsRejected() {
    assertThatThrownBy(() -> RetentionRule.builder().keepLast(1).zone(null).build())
        .isInstanceOfSatisfying(
            InvalidRetentionRuleException.class, e -> assertThat(e.field()).isEqualTo("zone"));
  }

  private static RetentionRule.Builder withCount(String field, int value) {
    RetentionRule.Builder builder = RetentionRule.builder();
    return switch (field) {
      case "keepLast" -> builder.keepLast(value);
      case "maxAgeDays" -> builder.maxAgeDays(value);
      case "keepDaily" -> builder.keepDaily(value);
      case "keepWeekly" -> builder.keepWeekly(value);
      case "keepMonthly" -> builder.keepMonthly(value);
      default -> throw new IllegalArgumentException(field);
    };
  }
}
