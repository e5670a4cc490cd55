package dev.trovekeeper.demo;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Trove's per-verb, per-project requests-per-minute limit (sliding window). */
final class RateLimiter {

  private static final long MINUTE_MS = 60_000;

  private final int perMinute;
  private final Clock clock;
  private final Map<String, Deque<Long>> windows = new HashMap<>();

  RateLimiter(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /** Counts the request; returns seconds to wait when it is over the limit, else 0. */
  synchronized long acquire(String projectId, String verb) {
    if (perMinute <= 0) {
      return 0;
    }
    var now = clock.millis();
    var window = prune(projectId, verb, now);
    if (window.size() >= perMinute) {
      return Math.max(1, (window.peekFirst() + MINUTE_MS - now + 999) / 1000);
    }
    window.addLast(now);
    return 0;
  }

  /** Requests left this minute for the verb. */
  synchronized int remaining(String projectId, String verb) {
    return Math.max(0, perMinute - prune(projectId, verb, clock.millis()).size());
  }

  int perMinute() {
    return perMinute;
  }

  private Deque<Long> prune(String projectId, String verb, long now) {
    var window = windows.computeIfAbsent(projectId + " " + verb, k -> new ArrayDeque<>());
    while (!window.isEmpty() && window.peekFirst() <= now - MINUTE_MS) {
      window.removeFirst();
    }
    return window;
  }

  /** Trove's OverLimitFault body with its Retry-After header. */
  static Reply refusal(String verb, int perMinute, long retryAfterSeconds) {
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
            "Only " + perMinute + " " + verb + " request(s) can be made to * every minute.");
    return Reply.json(413, Json.obj("overLimit", fault)).withHeader("Retry-After", retry);
  }
}
