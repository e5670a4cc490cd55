package dev.trovekeeper.policy;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Writes the configured global default policy when the database has none yet. */
@ApplicationScoped
public class GlobalDefaultSeeder {

  private final PolicyService policies;
  private final PolicyConfig config;

  GlobalDefaultSeeder(PolicyService policies, PolicyConfig config) {
    this.policies = policies;
    this.config = config;
  }

  /** Runs before the other start-up observers, so registrations find the global default. */
  void onStart(@Observes @Priority(10) StartupEvent event) {
    seed();
  }

  /**
   * Creates the global default unless it exists; replicas starting together may all call this,
   * exactly one creates it and none fails or logs a constraint violation.
   *
   * @return whether this call created it
   */
  boolean seed() {
    if (policies.global().isPresent()) {
      return false;
    }
    boolean created = policies.createGlobalIfAbsent(spec(config));
    if (created) {
      Log.infof("Global default backup policy created from keeper.policy.global-default");
    }
    return created;
  }

  static PolicySpec spec(PolicyConfig config) {
    boolean cron = config.cron().isPresent();
    return new PolicySpec(
        "global-default",
        cron ? ScheduleKind.CRON : ScheduleKind.WINDOW,
        config.cron().orElse(null),
        config.timeZone(),
        cron ? null : config.windowStart(),
        cron ? null : config.windowLengthMinutes(),
        config.fullIntervalDays(),
        config.maxChainLength().orElse(null),
        config.keepLast(),
        null,
        null,
        null,
        null,
        24,
        config.missedRunPolicy(),
        null,
        null,
        config.rpoTargetMinutes(),
        false,
        AfterDelete.AGE_OUT,
        null);
  }
}
