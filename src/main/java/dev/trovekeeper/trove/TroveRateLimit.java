package dev.trovekeeper.trove;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each project under Trove's per-tenant rate limits ({@code trove/common/limits.py}: a leaky
 * bucket per verb and tenant holding a minute, {@code http_get_rate} and its siblings 200 by
 * default) before a request leaves, so Trove never has to answer 413 {@code overLimit}. One
 * Bucket4j token bucket per project and verb in this replica, the same shape as Trove's (a minute's
 * worth at once, then refilled at the rate), less a safety margin. A call that would wait longer
 * than {@code max-wait} is not sent and leaves as RATE_LIMITED with the wait as Retry-After, so a
 * worker thread is never held long.
 */
final class TroveRateLimit {

  private final long perMinute;
  private final Duration maxWait;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  TroveRateLimit(int perMinute, double safetyMargin, Duration maxWait) {
    this.perMinute =
        perMinute <= 0 ? 0 : Math.max(1, (long) Math.floor(perMinute * (1 - safetyMargin)));
    this.maxWait = maxWait;
  }

  /**
   * Takes one request of {@code verb} on {@code projectId}'s budget, waiting up to {@code
   * max-wait}.
   *
   * @param projectId null for the service's own project
   * @throws TroveException RATE_LIMITED (with Retry-After) when the budget has no room in time
   */
  void acquire(String projectId, String verb) {
    if (perMinute == 0) {
      return;
    }
    Bucket bucket =
        buckets.computeIfAbsent((projectId == null ? "" : projectId) + " " + verb, k -> bucket());
    try {
      if (bucket.asBlocking().tryConsume(1, maxWait)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TroveException(TroveFault.TRANSIENT, "interrupted waiting for Trove's rate limit");
    }
    long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    throw new TroveException(
        TroveFault.RATE_LIMITED,
        "kept under Trove's rate limit of "
            + perMinute
            + " "
            + verb
            + " requests a minute for project "
            + projectId
            + ": not sent",
        Duration.ofSeconds(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L)),
        null);
  }

  private Bucket bucket() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1))
                .initialTokens(perMinute)
                .build())
        .build();
  }
}
