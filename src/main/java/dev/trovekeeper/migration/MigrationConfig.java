package dev.trovekeeper.migration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tenant-data migrations (a SQL dataset's backup into another tenant of the same database). */
@ConfigMapping(prefix = "keeper.migration")
public interface MigrationConfig {

  /**
   * Rows read, looked up in the id map and written to the target per batch (one target transaction
   * per batch; one batch in memory).
   */
  @WithDefault("500")
  int batchSize();
}
