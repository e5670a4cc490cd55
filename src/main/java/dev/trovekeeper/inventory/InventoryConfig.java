package dev.trovekeeper.inventory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the inventory keeps in step with Trove. */
@ConfigMapping(prefix = "keeper.inventory")
public interface InventoryConfig {

  /** How often the whole instance list is read from Trove, so lost notifications do not matter. */
  @WithDefault("5m")
  Duration reconcileInterval();

  /** Delay of the first reconcile after start-up. */
  @WithDefault("2s")
  Duration reconcileDelay();
}
