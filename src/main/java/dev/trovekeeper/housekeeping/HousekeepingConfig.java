package dev.trovekeeper.housekeeping;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long history is kept, and how it is pruned. */
@ConfigMapping(prefix = "keeper.housekeeping")
public interface HousekeepingConfig {

  /** Prune history on this replica (one replica at a time prunes, whichever gets the lock). */
  @WithDefault("true")
  boolean enabled();

  /** Pause between two pruning passes. */
  @WithDefault("1h")
  Duration interval();

  /**
   * Finished runs are kept this long (the latest run of a target and runs a backup points at are
   * always kept).
   */
  @WithDefault("90d")
  Duration runsRetention();

  /** Ids of processed Trove notifications (duplicate detection) are kept this long. */
  @WithDefault("14d")
  Duration processedNotificationsRetention();

  /** Audit log entries are kept this long. */
  @WithDefault("400d")
  Duration auditRetention();

  /** Deletion confirmations are kept this long after they expire. */
  @WithDefault("30d")
  Duration deletionConfirmationsRetention();

  /** Rows deleted per statement, so a pass never holds long locks. */
  @WithDefault("1000")
  int batchSize();
}
