package dev.trovekeeper.inventory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the inventory keeps in step with Trove. The interval and delay defaults live in
 * application.properties because {@code @Scheduled} reads these properties too.
 */
@ConfigMapping(prefix = "keeper.inventory")
public interface InventoryConfig {

  /** How often the whole instance list is read from Trove, so lost notifications do not matter. */
  Duration reconcileInterval();

  /** Delay of the first reconcile after start-up. */
  Duration reconcileDelay();

  /**
   * Instances (or vanished targets) a reconcile handles per database transaction, and the most it
   * holds in memory: Trove 18 lists every instance in one answer, which is read as it streams in
   * and applied in chunks of this size.
   */
  @WithDefault("500")
  int reconcileChunkSize();
}
