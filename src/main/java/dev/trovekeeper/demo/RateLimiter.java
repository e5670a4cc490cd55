package dev.trovekeeper.demo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Trove's per-project rate limits ({@code trove/common/limits.py}): one leaky bucket per limit and
 * project, holding a minute of "water"; each request adds {@code 60 / value} seconds, which leak
 * away in real time. The defaults are 200 requests a minute for each of POST, PUT, DELETE and GET
 * on every path, plus 200 POSTs a minute on {@code mgmt/*}. As in Trove, {@code remaining} and
 * {@code nextAvailable} of {@code GET limits} are snapshots taken at the verb's last request.
 */
final class RateLimiter {

  private static final double UNIT_SECONDS = 60;

  /** One configured limit, as {@code GET limits} shows it. */
  record Limit(String verb, String uri, String regex, int value) {
    boolean matches(String verb, String path) {
      return this.verb.equals(verb) && Pattern.compile(regex).matcher(path).lookingAt();
    }
  }

  /** What a refused request is told. */
  record Refusal(Limit limit, double delaySeconds) {}

  /** A bucket's view for {@code GET limits}. */
  record View(Limit limit, int remaining, Instant nextAvailable) {}

  private static final class Bucket {
    double water;
    Double lastRequest;
    Double nextRequest;
    int remaining;
  }

  private final List<Limit> defaults;
  private final boolean enabled;
  private final int mgmtRate;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new HashMap<>();
  private final Map<String, List<Limit>> projectLimits = new HashMap<>();

  RateLimiter(DemoRegionSettings settings, Clock clock) {
    int rate = settings.rateLimitPerMinute();
    this.enabled = rate > 0;
    this.clock = clock;
    this.mgmtRate = Math.max(settings.mgmtRateLimitPerMinute(), 1);
    this.defaults = limits(Math.max(rate, 1), mgmtRate);
  }

  private static List<Limit> limits(int rate, int mgmtRate) {
    var limits = new ArrayList<Limit>();
    for (var verb : List.of("POST", "PUT", "DELETE", "GET")) {
      limits.add(new Limit(verb, "*", ".*", rate));
    }
    limits.add(new Limit("POST", "*/mgmt", "^/mgmt", mgmtRate));
    return List.copyOf(limits);
  }

  /**
   * Enforces {@code perMinute} requests a minute per verb on one project (also when the region's
   * limit is off); null goes back to the region's setting. The project's buckets start empty.
   */
  synchronized void setProjectRate(String projectId, Integer perMinute) {
    buckets.keySet().removeIf(k -> k.startsWith(projectId + " "));
    if (perMinute == null) {
      projectLimits.remove(projectId);
    } else {
      projectLimits.put(projectId, limits(Math.max(perMinute, 1), mgmtRate));
    }
  }

  private List<Limit> limitsOf(String projectId) {
    return projectLimits.getOrDefault(projectId, defaults);
  }

  /**
   * Counts the request against every limit it matches.
   *
   * @param path the path below {@code /v1.0/{project_id}}, e.g. {@code /backups}
   * @return the refusal with the shortest wait, or null when the request may go on
   */
  synchronized Refusal acquire(String projectId, String verb, String path) {
    if (!enabled && !projectLimits.containsKey(projectId)) {
      return null;
    }
    var limits = limitsOf(projectId);
    Refusal shortest = null;
    double now = seconds();
    for (int i = 0; i < limits.size(); i++) {
      var limit = limits.get(i);
      if (!limit.matches(verb, path)) {
        continue;
      }
      double delay = take(bucket(projectId, i), limit, now);
      if (delay > 0 && (shortest == null || delay < shortest.delaySeconds())) {
        shortest = new Refusal(limit, delay);
      }
    }
    return shortest;
  }

  /** Every limit with the project's remaining requests, in Trove's order. */
  synchronized List<View> views(String projectId) {
    var limits = limitsOf(projectId);
    var out = new ArrayList<View>();
    for (int i = 0; i < limits.size(); i++) {
      var b = bucket(projectId, i);
      double at = b.nextRequest == null ? seconds() : b.nextRequest;
      out.add(new View(limits.get(i), b.remaining, Instant.ofEpochMilli((long) (at * 1000))));
    }
    return out;
  }

  /** Trove's {@code Limit.__call__}: leak, add one request, refuse when it overflows. */
  private static double take(Bucket b, Limit limit, double now) {
    double requestValue = UNIT_SECONDS / limit.value();
    if (b.lastRequest == null) {
      b.lastRequest = now;
    }
    b.water = Math.max(0, b.water - (now - b.lastRequest)) + requestValue;
    b.lastRequest = now;
    double overflow = b.water - UNIT_SECONDS;
    if (overflow > 1e-9) {
      b.water -= requestValue;
      b.nextRequest = now + overflow;
      return overflow;
    }
    b.remaining = (int) Math.floor((UNIT_SECONDS - b.water) / UNIT_SECONDS * limit.value());
    b.nextRequest = now;
    return 0;
  }

  private Bucket bucket(String projectId, int limit) {
    return buckets.computeIfAbsent(
        projectId + " " + limit,
        k -> {
          var b = new Bucket();
          b.remaining = limitsOf(projectId).get(limit).value();
          return b;
        });
  }

  private double seconds() {
    return clock.millis() / 1000.0;
  }

  /** Trove's OverLimitFault body with its Retry-After header. */
  static Reply refusal(Refusal refusal) {
    var l = refusal.limit();
    return refusal(
        "Only "
            + l.value()
            + " "
            + l.verb()
            + " request(s) can be made to "
            + l.uri()
            + " every minute.",
        (long) Math.ceil(refusal.delaySeconds()));
  }

  /** An OverLimitFault with these details and Retry-After seconds. */
  static Reply refusal(String details, long retryAfterSeconds) {
    var retry = String.valueOf(retryAfterSeconds);
    var fault =
        Json.obj(
            "code",
            413,
            "message",
            "This request was rate-limited.",
            "retryAfter",
            retry,
            "details",
            details);
    return Reply.json(413, Json.obj("overLimit", fault)).withHeader("Retry-After", retry);
  }
}
