package dev.trovekeeper.demo;

import dev.trovekeeper.demo.shop.SharedShopDatabase;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * With the demo region on, creates the sample shared-schema SQL source (schema {@code shop_shared},
 * three tenants) next to the service's own schema, once: the embedded default then has a SQL source
 * to back up with no configuration, as the shop API is its REST source.
 */
@ApplicationScoped
class SampleDatabaseSeeder {

  static final String SCHEMA = "shop_shared";

  void onStart(@Observes StartupEvent event, DemoConfig config, DataSource dataSource) {
    if (!config.enabled()) {
      return;
    }
    try (var c = dataSource.getConnection()) {
      if (SharedShopDatabase.create(c, SCHEMA, SharedShopDatabase.TENANTS, 20)) {
        Log.infof(
            "Demo shared-schema SQL source created: schema %s, tenants %s",
            SCHEMA, SharedShopDatabase.TENANTS);
      }
    } catch (SQLException e) {
      // the demo goes on without its SQL sample
      Log.warnf("Demo shared-schema SQL source not created: %s", e.getMessage());
    }
  }
}
