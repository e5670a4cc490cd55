package dev.trovekeeper.boot;

import dev.trovekeeper.storage.ObjectStore;
import dev.trovekeeper.storage.StorageException;
import dev.trovekeeper.trove.KeystoneSession;
import dev.trovekeeper.trove.TroveException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Once the service is up, checks the external dependencies it was configured with (Keystone and the
 * object store; the database was checked before start-up). A failure is logged as one line naming
 * the setting and the process exits, so bad configuration never looks like a running service.
 */
@ApplicationScoped
public class StartupChecks {

  void onStart(
      @Observes StartupEvent event,
      @ConfigProperty(name = "keeper.startup-checks.enabled", defaultValue = "true")
          boolean enabled,
      KeystoneSession keystone,
      ObjectStore objectStore) {
    if (!enabled) {
      return;
    }
    try {
      keystone.token();
      checkObjectStore(objectStore);
    } catch (TroveException | StartupCheckException e) {
      Log.error("Start-up check failed: " + e.getMessage());
      Quarkus.asyncExit(2);
    }
  }

  private static void checkObjectStore(ObjectStore store) {
    try {
      store.checkReachable();
    } catch (StorageException e) {
      String settings =
          switch (store.kind()) {
            case "s3" ->
                "KEEPER_STORAGE_S3_ENDPOINT / KEEPER_STORAGE_S3_BUCKET /"
                    + " KEEPER_STORAGE_S3_ACCESS_KEY_ID / KEEPER_STORAGE_S3_SECRET_ACCESS_KEY";
            case "swift" ->
                "KEEPER_STORAGE_SWIFT_AUTH / KEEPER_STORAGE_SWIFT_CONTAINER / OS_* or"
                    + " KEEPER_STORAGE_SWIFT_TEMPAUTH_*";
            default -> "KEEPER_STORAGE_FILESYSTEM_ROOT";
          };
      throw new StartupCheckException(
          "object store "
              + store.location()
              + " is not usable (check "
              + settings
              + "): "
              + firstLine(e));
    }
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    return message.lines().findFirst().orElse(message);
  }
}
