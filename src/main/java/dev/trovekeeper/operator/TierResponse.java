package dev.trovekeeper.operator;

import dev.trovekeeper.policy.TierBounds;
import java.time.Instant;
import java.time.LocalTime;

/** A tier and its bounds. */
public record TierResponse(
    String name,
    String description,
    Integer minKeepLast,
    Integer minMaxAgeDays,
    Integer maxRunsPerDay,
    LocalTime windowEarliest,
    LocalTime windowLatest,
    Integer minIntervalMinutes,
    Instant createdAt,
    Instant updatedAt) {

  static TierResponse of(Tier tier) {
    return new TierResponse(
        tier.name,
        tier.description,
        tier.minKeepLast,
        tier.minMaxAgeDays,
        tier.maxRunsPerDay,
        tier.windowEarliest,
        tier.windowLatest,
        tier.minIntervalMinutes,
        tier.createdAt,
        tier.updatedAt);
  }

  TierBounds bounds() {
    return new TierBounds(
        name,
        minKeepLast,
        minMaxAgeDays,
        maxRunsPerDay,
        windowEarliest,
        windowLatest,
        minIntervalMinutes);
  }
}
