package dev.trovekeeper.trove;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Runs one Trove call the way {@link TroveClient} promises: with the project's token, renewing it
 * once on 401, through the SmallRye Fault Tolerance {@link Guard} of its endpoint. Each endpoint
 * (verb and resource kind, e.g. {@code GET /backups/{id}}) has its own circuit breaker, opened by
 * {@code breaker-threshold} transient failures in a row, so one failing endpoint never stops the
 * others. Retries follow {@link TroveBackoff}: idempotent calls on TRANSIENT and RATE_LIMITED, a
 * create only where Trove cannot have acted (RATE_LIMITED, or the request never left); a
 * Retry-After longer than {@code retry-max-delay} is left to the caller. Every attempt first takes
 * its place under the project's rate limit ({@link TroveRateLimit}).
 */
final class TroveCalls {

  /** One attempt of a call with a token. */
  interface Call<T> {
    T run(ServiceToken token);
  }

  /** A Keystone failure while getting the token: neither retried here nor a Trove failure. */
  private static final class TokenFailure extends RuntimeException {
    TokenFailure(TroveException cause) {
      super(cause);
    }
  }

  private final KeystoneSession keystone;
  private final OpenStackConfig config;
  private final Map<String, Guard> guards = new ConcurrentHashMap<>();
  private final Map<String, CircuitBreakerState> states = new ConcurrentHashMap<>();
  private final TroveRateLimit rateLimit;

  TroveCalls(KeystoneSession keystone, OpenStackConfig config) {
    this.keystone = keystone;
    this.config = config;
    this.rateLimit =
        new TroveRateLimit(
            config.rateLimitPerMinute(), config.rateLimitSafetyMargin(), config.rateLimitMaxWait());
  }

  /**
   * @param endpoint verb and resource kind, e.g. {@code "GET /backups/{id}"}; POST is never
   *     repeated once sent
   * @param projectId project whose token to use; null for the service project
   */
  @SuppressWarnings("unchecked")
  <T> T run(String endpoint, String projectId, Call<T> call) {
    Guard guard = guards.computeIfAbsent(endpoint, this::guard);
    try {
      String verb = endpoint.substring(0, endpoint.indexOf(' '));
      return (T)
          guard.get(
              () -> {
                // every attempt is a request on the project's budget, retries included
                rateLimit.acquire(projectId, verb);
                return once(projectId, call);
              },
              Object.class);
    } catch (TokenFailure e) {
      throw (TroveException) e.getCause();
    } catch (CircuitBreakerOpenException e) {
      throw new TroveException(
          TroveFault.TRANSIENT,
          "circuit open: Trove's " + endpoint + " keeps failing; not sent",
          config.breakerCoolDown(),
          e);
    }
  }

  /** One attempt, with one token renewal on 401; no retry, no breaker (health probes). */
  <T> T once(String projectId, Call<T> call) {
    try {
      return call.run(token(projectId));
    } catch (TroveException e) {
      if (e.fault() != TroveFault.UNAUTHORIZED) {
        throw e;
      }
      keystone.invalidate(projectId);
      return call.run(token(projectId));
    }
  }

  /** Breakers that are not closed, by endpoint (for health and tests). */
  Map<String, CircuitBreakerState> breakersNotClosed() {
    Map<String, CircuitBreakerState> open = new TreeMap<>(states);
    open.values().removeIf(s -> s == CircuitBreakerState.CLOSED);
    return open;
  }

  private ServiceToken token(String projectId) {
    try {
      return projectId == null ? keystone.token() : keystone.token(projectId);
    } catch (TroveException e) {
      throw new TokenFailure(e);
    }
  }

  private Guard guard(String endpoint) {
    boolean idempotent = !endpoint.startsWith("POST ");
    Duration worstAttempt = config.timeout().plus(config.retryMaxDelay()).multipliedBy(2);
    return Guard.create()
        .withDescription("Trove " + endpoint)
        .withRetry()
        .maxRetries(Math.max(0, config.retryMaxAttempts() - 1))
        .delay(config.retryBaseDelay().toMillis(), ChronoUnit.MILLIS)
        .jitter(0, ChronoUnit.MILLIS)
        .maxDuration(
            worstAttempt.multipliedBy(Math.max(1, config.retryMaxAttempts())).toMillis(),
            ChronoUnit.MILLIS)
        .whenException(e -> retryable(e, idempotent))
        .withCustomBackoff()
        .strategy(() -> TroveBackoff.of(config))
        .done()
        .done()
        .withCircuitBreaker()
        // N transient failures in a row: a rolling window of N calls, all of them failed
        .requestVolumeThreshold(Math.max(1, config.breakerThreshold()))
        .failureRatio(1.0)
        .successThreshold(1)
        .delay(config.breakerCoolDown().toMillis(), ChronoUnit.MILLIS)
        .when(TroveCalls::isTransient)
        .onStateChange(state -> states.put(endpoint, state))
        .done()
        .build();
  }

  private static boolean isTransient(Throwable e) {
    return e instanceof TroveException t && t.fault() == TroveFault.TRANSIENT;
  }

  private boolean retryable(Throwable failure, boolean idempotent) {
    if (!(failure instanceof TroveException e)) {
      return false;
    }
    if (e.retryAfter().map(d -> d.compareTo(config.retryMaxDelay()) > 0).orElse(false)) {
      return false; // the caller reschedules instead of holding a thread
    }
    return switch (e.fault()) {
      case RATE_LIMITED -> true;
      case TRANSIENT -> idempotent || TroveHttp.notSent(e);
      default -> false;
    };
  }
}
