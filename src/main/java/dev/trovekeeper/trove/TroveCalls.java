package dev.trovekeeper.trove;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one Trove call the way {@link TroveClient} promises: with the project's token, through the
 * circuit breaker of the Trove endpoint, renewing the token once on 401, and retrying by the {@link
 * RetryPolicy}: idempotent calls on TRANSIENT and RATE_LIMITED, a create only where Trove cannot
 * have acted (RATE_LIMITED, or the request never left).
 */
final class TroveCalls {

  /** One attempt of a call with a token. */
  interface Call<T> {
    T run(ServiceToken token);
  }

  /** How to sleep between attempts (tests may count instead). */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final KeystoneSession keystone;
  private final RetryPolicy policy;
  private final OpenStackConfig config;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  TroveCalls(
      KeystoneSession keystone,
      RetryPolicy policy,
      OpenStackConfig config,
      Clock clock,
      Sleeper sleeper) {
    this.keystone = keystone;
    this.policy = policy;
    this.config = config;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * @param projectId project whose token to use; null for the service project
   * @param idempotent GET and DELETE: may be repeated after any transient failure
   */
  <T> T run(String projectId, boolean idempotent, Call<T> call) {
    boolean renewed = false;
    int attempt = 1;
    while (true) {
      ServiceToken token = projectId == null ? keystone.token() : keystone.token(projectId);
      CircuitBreaker breaker = breaker(token.troveUrl());
      if (!breaker.tryAcquire()) {
        throw new TroveException(
            TroveFault.TRANSIENT,
            "circuit open: Trove at " + endpoint(token.troveUrl()) + " keeps failing; not sent",
            breaker.remainingCoolDown(),
            null);
      }
      try {
        T result = call.run(token);
        breaker.onSuccess();
        return result;
      } catch (TroveException e) {
        if (e.fault() == TroveFault.TRANSIENT) {
          breaker.onFailure();
        } else {
          breaker.onSuccess();
        }
        if (e.fault() == TroveFault.UNAUTHORIZED && !renewed) {
          renewed = true;
          keystone.invalidate(projectId);
          continue;
        }
        Optional<Duration> delay =
            retryable(e, idempotent)
                ? policy.delayAfter(attempt, e.retryAfter())
                : Optional.empty();
        if (delay.isEmpty()) {
          throw e;
        }
        pause(delay.get(), e);
        attempt++;
      } catch (RuntimeException e) {
        breaker.onSuccess();
        throw e;
      }
    }
  }

  /** The breaker's state for the endpoint of {@code troveUrl} (for tests and health). */
  CircuitBreaker.State state(String troveUrl) {
    return breaker(troveUrl).state();
  }

  private static boolean retryable(TroveException e, boolean idempotent) {
    return switch (e.fault()) {
      case RATE_LIMITED -> true;
      case TRANSIENT -> idempotent || TroveHttp.notSent(e);
      default -> false;
    };
  }

  private void pause(Duration delay, TroveException failure) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw failure;
    }
  }

  private CircuitBreaker breaker(String troveUrl) {
    return breakers.computeIfAbsent(
        endpoint(troveUrl),
        k -> new CircuitBreaker(config.breakerThreshold(), config.breakerCoolDown(), clock));
  }

  /** Scheme, host and port: one breaker per Trove endpoint, shared by all projects. */
  private static String endpoint(String troveUrl) {
    URI uri = URI.create(troveUrl);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }
}
