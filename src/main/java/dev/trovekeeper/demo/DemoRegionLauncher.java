package dev.trovekeeper.demo;

import dev.trovekeeper.auth.AuthConfig;
import dev.trovekeeper.auth.Secret;
import dev.trovekeeper.inventory.NotificationListener;
import dev.trovekeeper.trove.CredentialsOverride;
import dev.trovekeeper.trove.MalformedNotificationException;
import dev.trovekeeper.trove.ServiceCredentials;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs the demo region inside the service when {@code keeper.demo.enabled}: supplies its service
 * credentials to the Trove connector and feeds its notifications to the inventory through an
 * in-memory channel (a single thread, in order), standing in for Kafka.
 */
@Startup
@ApplicationScoped
public class DemoRegionLauncher implements CredentialsOverride {

  private static final int DELIVERY_ATTEMPTS = 3;

  private final DemoConfig config;
  private final NotificationListener listener;
  private final String publicUrl;
  private ExecutorService channel;
  private DemoRegion region;

  DemoRegionLauncher(DemoConfig config, NotificationListener listener, AuthConfig auth) {
    this.config = config;
    this.listener = listener;
    this.publicUrl = auth.publicUrl().replaceAll("/+$", "");
  }

  /** The running region, started on first use. */
  public synchronized Optional<DemoRegion> region() {
    if (!config.enabled()) {
      return Optional.empty();
    }
    if (region == null) {
      DemoRegionSettings.Builder settings = DemoRegionSettings.builder().port(config.port());
      config.delays().ifPresent(settings::allDelays);
      channel = Executors.newSingleThreadExecutor(r -> new Thread(r, "demo-notifications"));
      region =
          DemoRegion.start(
              settings.build(), (topic, value) -> channel.execute(() -> deliver(value)));
      Log.infof("Demo OpenStack region running, Keystone at %s", region.authUrl());
      Log.infof(
          "Demo tokens: TOKEN=$(curl -s %s/demo/tokens/alice); curl -H \"X-Auth-Token: $TOKEN\""
              + " %s/v1/instances (users: %s)",
          publicUrl, publicUrl, DemoTokenResource.HELP);
    }
    return Optional.of(region);
  }

  @Override
  public Optional<ServiceCredentials> credentials() {
    return region()
        .map(
            r ->
                new ServiceCredentials(
                    r.authUrl(),
                    "keeper.demo (built-in demo region)",
                    DemoSeed.KEEPER_USER,
                    Secret.of(DemoSeed.KEEPER_PASSWORD),
                    DemoSeed.DOMAIN_NAME,
                    DemoSeed.SERVICE_PROJECT_ID,
                    null,
                    DemoSeed.DOMAIN_NAME,
                    r.settings().regionName(),
                    "public"));
  }

  /** Delivers one record, trying again a few times (a concurrent reconcile may collide). */
  private void deliver(String record) {
    for (int attempt = 1; ; attempt++) {
      try {
        listener.onRecord(record);
        return;
      } catch (MalformedNotificationException e) {
        Log.warnf("Demo region sent a record that is not a notification: %s", e.getMessage());
        return;
      } catch (RuntimeException e) {
        if (attempt == DELIVERY_ATTEMPTS) {
          Log.warnf(
              "Demo notification dropped after %d attempts (reconcile will catch up): %s",
              attempt, e.toString());
          return;
        }
      }
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (region != null) {
      region.close();
      channel.shutdown();
    }
  }
}
