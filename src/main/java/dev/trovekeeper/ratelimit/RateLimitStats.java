package dev.trovekeeper.ratelimit;

/**
 * What one limiter handle (one run) did, for the run's progress.
 *
 * @param requests permits granted (requests sent to the source)
 * @param throttled answers 429 received
 * @param unavailable answers 503 received
 * @param waits times a request had to wait (for the bucket or a Retry-After pause)
 * @param waitedMillis total time spent waiting
 * @param currentLimit the shared current limit per window (adapted down after 429s)
 */
public record RateLimitStats(
    long requests,
    long throttled,
    long unavailable,
    long waits,
    long waitedMillis,
    int currentLimit) {}
