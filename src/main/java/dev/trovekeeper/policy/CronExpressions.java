package dev.trovekeeper.policy;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Quartz-style cron expressions (seconds first), parsed with cron-utils. */
public final class CronExpressions {

  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

  private CronExpressions() {}

  /** Parses and validates; the message of the exception says what is wrong. */
  public static Cron parse(String expression) {
    Cron cron = PARSER.parse(expression);
    cron.validate();
    return cron;
  }

  /** The first fire time strictly after {@code after}, in {@code zone}. */
  public static Optional<Instant> next(Cron cron, ZoneId zone, Instant after) {
    // cron-utils keeps the fraction of a second for a '*' seconds field (12:00:00.5 gives
    // 12:00:01.5); fire times are whole seconds, and the first one after the truncated instant is
    // also the first one after the instant itself.
    Instant whole = after.truncatedTo(ChronoUnit.SECONDS);
    return ExecutionTime.forCron(cron)
        .nextExecution(ZonedDateTime.ofInstant(whole, zone))
        .map(ZonedDateTime::toInstant);
  }

  /**
   * The shortest time between two consecutive fire times among the next {@code fires} ones after
   * {@code after}, looking no further than {@code horizon}; stops early once a gap is shorter than
   * {@code floor} (that is all a caller needs to know). Empty when the cron fires fewer than twice
   * in that span.
   */
  public static Optional<Duration> shortestGap(
      Cron cron, ZoneId zone, Instant after, Duration horizon, int fires, Duration floor) {
    Instant end = after.plus(horizon);
    Optional<Instant> previous = next(cron, zone, after);
    Duration shortest = null;
    for (int i = 0; i < fires && previous.isPresent(); i++) {
      Optional<Instant> following = next(cron, zone, previous.get());
      if (following.isEmpty() || following.get().isAfter(end)) {
        break;
      }
      Duration gap = Duration.between(previous.get(), following.get());
      if (shortest == null || gap.compareTo(shortest) < 0) {
        shortest = gap;
      }
      if (shortest.compareTo(floor) < 0) {
        break;
      }
      previous = following;
    }
    return Optional.ofNullable(shortest);
  }
}
