package dev.trovekeeper.inventory;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * How the inventory keeps in step with Trove. The defaults live in application.properties because
 * {@code @Scheduled} reads these properties too.
 */
@ConfigMapping(prefix = "keeper.inventory")
public interface InventoryConfig {

  /** How often the whole instance list is read from Trove, so lost notifications do not matter. */
  Duration reconcileInterval();

  /** Delay of the first reconcile after start-up. */
  Duration reconcileDelay();
}
