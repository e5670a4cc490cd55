package dev.trovekeeper.boot;

import dev.trovekeeper.trove.KeystoneSession;
import dev.trovekeeper.trove.TroveException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Once the service is up, checks every external dependency it was configured with; a failure is
 * logged as one line naming the setting and the process exits, so bad configuration never looks
 * like a running service.
 */
@ApplicationScoped
public class StartupChecks {

  /** A dependency that can be checked at start-up; throws with a message naming the setting. */
  public interface Check {
    String name();

    void verify();
  }

  void onStart(
      @Observes StartupEvent event,
      @ConfigProperty(name = "keeper.startup-checks.enabled", defaultValue = "true")
          boolean enabled,
      KeystoneSession keystone,
      Instance<Check> checks) {
    if (!enabled) {
      return;
    }
    List<Check> all = checks.stream().toList();
    try {
      keystone.token();
      for (Check check : all) {
        check.verify();
      }
    } catch (TroveException | StartupCheckException e) {
      Log.error("Start-up check failed: " + e.getMessage());
      Quarkus.asyncExit(2);
    }
  }
}
