package dev.trovekeeper.policy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Fleet-wide limits every policy (global, project, instance) stays within. */
@ConfigMapping(prefix = "keeper.policy.limits")
public interface PolicyLimitsConfig {

  /**
   * The shortest time allowed between two scheduled backups of one instance; a cron that fires more
   * often is refused (400). Tiers may only require more.
   */
  @WithDefault("1h")
  Duration minInterval();
}
