package dev.trovekeeper.policy;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.PersistenceException;

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
    if (policies.global().isPresent()) {
      return;
    }
    try {
      policies.setGlobal(spec(config));
      Log.infof("Global default backup policy created from keeper.policy.global-default");
    } catch (PersistenceException e) {
      // another replica created it at the same moment
      Log.debugf("Global default policy already created by another replica: %s", e);
    }
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
        false);
  }
}
