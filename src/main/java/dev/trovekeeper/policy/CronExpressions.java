package dev.trovekeeper.policy;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
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
}
