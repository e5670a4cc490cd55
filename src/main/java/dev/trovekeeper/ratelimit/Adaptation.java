package dev.trovekeeper.ratelimit;

import dev.trovekeeper.ratelimit.SharedState.Row;

/**
 * The pure AIMD rule on the shared row: a 429 for a request granted after the last decrease
 * multiplies the current limit by the decrease factor (the 429s of requests already in flight count
 * once); a run of successes as long as the current limit adds a step, up to the ceiling.
 */
final class Adaptation {

  private Adaptation() {}

  static Row throttled(Row r, long grantedAt, long now, long pauseUntil, RateLimitTuning t) {
    var paused = Math.max(r.pausedUntil(), pauseUntil);
    if (grantedAt <= r.decreasedAt()) {
      return withPause(r, paused);
    }
    int lower = Math.max(1, (int) Math.floor(r.current() * t.decreaseFactor()));
    return new Row(r.ceiling(), r.windowMillis(), lower, r.version() + 1, 0, now, paused);
  }

  static Row succeeded(Row r, RateLimitTuning t) {
    if (r.current() >= r.ceiling()) {
      return r;
    }
    int successes = r.successes() + 1;
    if (successes < r.current()) {
      return new Row(
          r.ceiling(),
          r.windowMillis(),
          r.current(),
          r.version(),
          successes,
          r.decreasedAt(),
          r.pausedUntil());
    }
    int step = Math.max(1, (int) Math.round(r.ceiling() * t.increaseFraction()));
    int higher = Math.min(r.ceiling(), r.current() + step);
    return new Row(
        r.ceiling(),
        r.windowMillis(),
        higher,
        r.version() + 1,
        0,
        r.decreasedAt(),
        r.pausedUntil());
  }

  static Row withPause(Row r, long pausedUntil) {
    return new Row(
        r.ceiling(),
        r.windowMillis(),
        r.current(),
        r.version(),
        r.successes(),
        r.decreasedAt(),
        pausedUntil);
  }
}
