package dev.trovekeeper.run;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on backups tenants ask for outside the schedule. */
@ConfigMapping(prefix = "keeper.run.manual")
public interface ManualRunConfig {

  /**
   * Manual backups of one instance in any 24 hours (cancelled ones do not count); more are 429 with
   * the time the next one is allowed.
   */
  @WithDefault("10")
  int maxPerDay();
}
