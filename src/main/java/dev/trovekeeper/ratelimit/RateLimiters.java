package dev.trovekeeper.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Hands out limiter handles on sources' shared limits. In the service it is a bean over the
 * application's datasource; outside it (tests, tools) construct it with any MariaDB {@link
 * DataSource} whose schema has migration V110.
 */
@ApplicationScoped
public class RateLimiters {

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,190}");

  private final MariaDbProxyManager buckets;
  private final SharedState shared;
  private final RateLimitTuning tuning;
  private final RateLimitMetrics metrics;

  @Inject
  RateLimiters(DataSource dataSource, RateLimitConfig config, MeterRegistry registry) {
    this(dataSource, config.tuning(), registry);
  }

  /** A factory over {@code dataSource} (tables of migration V110). */
  public RateLimiters(DataSource dataSource, RateLimitTuning tuning, MeterRegistry registry) {
    this.buckets = new MariaDbProxyManager(dataSource, new WallClock());
    this.shared = new SharedState(dataSource);
    this.tuning = tuning;
    this.metrics = new RateLimitMetrics(registry);
  }

  /** A new handle (own counts) on the limit of source {@code key}. */
  public SourceRateLimiter forSource(String key, RateLimit limit) {
    return forSource(key, limit, RateLimitListener.NONE);
  }

  /**
   * A new handle on the limit of source {@code key}, shared with every other handle on that key in
   * any replica. A configured limit different from the stored one replaces it.
   *
   * @param key letters, digits and {@code . _ : -}, at most 190 characters (e.g. {@code
   *     dataset:<id>})
   */
  public SourceRateLimiter forSource(String key, RateLimit limit, RateLimitListener listener) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("invalid rate limit key");
    }
    var row = shared.ensure(key, limit);
    buckets.ensureRow(key);
    return new SourceRateLimiter(key, row, buckets, shared, tuning, metrics, listener);
  }
}
