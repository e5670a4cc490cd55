package dev.trovekeeper.policy;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * What to keep of one target's backups. A null count means that rule is not set; a backup is kept
 * when any set rule keeps it. Every instance is valid: the constructor checks it.
 *
 * @param keepLast keep the newest N completed backups
 * @param maxAgeDays keep every completed backup at most this many 24-hour days old
 * @param keepDaily keep the newest completed backup of each of the last N calendar days that have
 *     one
 * @param keepWeekly the same for ISO weeks (Monday to Sunday)
 * @param keepMonthly the same for calendar months
 * @param failedGrace how long a FAILED backup stays before it is deleted; zero allowed
 * @param zone the time zone of the calendar days, weeks and months
 */
public record RetentionRule(
    Integer keepLast,
    Integer maxAgeDays,
    Integer keepDaily,
    Integer keepWeekly,
    Integer keepMonthly,
    Duration failedGrace,
    ZoneId zone) {

  /**
   * Validates the rule: every set count at least 1, at least one of them set, a non-negative failed
   * grace and a zone.
   *
   * @throws InvalidRetentionRuleException naming the first invalid field
   */
  public RetentionRule {
    atLeastOne("keepLast", keepLast);
    atLeastOne("maxAgeDays", maxAgeDays);
    atLeastOne("keepDaily", keepDaily);
    atLeastOne("keepWeekly", keepWeekly);
    atLeastOne("keepMonthly", keepMonthly);
    if (keepLast == null
        && maxAgeDays == null
        && keepDaily == null
        && keepWeekly == null
        && keepMonthly == null) {
      throw new InvalidRetentionRuleException(
          "keepLast", "or maxAgeDays, keepDaily, keepWeekly, keepMonthly must be set");
    }
    if (failedGrace == null || failedGrace.isNegative()) {
      throw new InvalidRetentionRuleException("failedGrace", "must be zero or more");
    }
    if (zone == null) {
      throw new InvalidRetentionRuleException("zone", "must be set");
    }
  }

  /** A builder with a failed grace of 24 hours and the UTC zone; set at least one keep rule. */
  public static Builder builder() {
    return new Builder();
  }

  private static void atLeastOne(String field, Integer value) {
    if (value != null && value < 1) {
      throw new InvalidRetentionRuleException(field, "must be at least 1, was " + value);
    }
  }

  /** Builds a {@link RetentionRule}; {@link #build()} validates it. */
  public static final class Builder {
    private Integer keepLast;
    private Integer maxAgeDays;
    private Integer keepDaily;
    private Integer keepWeekly;
    private Integer keepMonthly;
    private Duration failedGrace = Duration.ofHours(24);
    private ZoneId zone = ZoneOffset.UTC;

    private Builder() {}

    public Builder keepLast(Integer n) {
      this.keepLast = n;
      return this;
    }

    public Builder maxAgeDays(Integer days) {
      this.maxAgeDays = days;
      return this;
    }

    public Builder keepDaily(Integer n) {
      this.keepDaily = n;
      return this;
    }

    public Builder keepWeekly(Integer n) {
      this.keepWeekly = n;
      return this;
    }

    public Builder keepMonthly(Integer n) {
      this.keepMonthly = n;
      return this;
    }

    public Builder failedGrace(Duration grace) {
      this.failedGrace = grace;
      return this;
    }

    public Builder zone(ZoneId zone) {
      this.zone = zone;
      return this;
    }

    /**
     * @throws InvalidRetentionRuleException when the rule is invalid
     */
    public RetentionRule build() {
      return new RetentionRule(
          keepLast, maxAgeDays, keepDaily, keepWeekly, keepMonthly, failedGrace, zone);
    }
  }
}
