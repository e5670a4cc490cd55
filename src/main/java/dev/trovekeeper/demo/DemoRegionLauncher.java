package dev.trovekeeper.demo;

import dev.trovekeeper.auth.AuthConfig;
import dev.trovekeeper.config.Secret;
import dev.trovekeeper.inventory.NotificationListener;
import dev.trovekeeper.trove.CredentialsOverride;
import dev.trovekeeper.trove.ServiceCredentials;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;

/**
 * Runs the demo region inside the service when {@code keeper.demo.enabled}: supplies its service
 * credentials to the Trove connector and feeds its notifications to the inventory through
 * SmallRye's in-memory connector on the {@code notifications} channel (the same consumer as
 * Kafka's, in order, with its retries), standing in for Kafka.
 */
@Startup
@ApplicationScoped
public class DemoRegionLauncher implements CredentialsOverride {

  private final DemoConfig config;
  private final Instance<InMemoryConnector> inMemory;
  private final String publicUrl;
  private DemoRegion region;

  DemoRegionLauncher(
      DemoConfig config, @Any Instance<InMemoryConnector> inMemory, AuthConfig auth) {
    this.config = config;
    this.inMemory = inMemory;
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
      region = DemoRegion.start(settings.build(), (topic, value) -> channel().send(value));
      Log.infof("Demo OpenStack region running, Keystone at %s", region.authUrl());
      Log.infof(
          "Demo shop REST source at %s (header X-Shop-Key: %s)",
          region.shop().apiUrl(), dev.trovekeeper.demo.shop.ShopSettings.API_KEY);
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

  /** Looked up per record: the channel is wired when messaging starts, maybe after the region. */
  private InMemorySource<String> channel() {
    return inMemory.get().source(NotificationListener.CHANNEL);
  }

  @PreDestroy
  synchronized void stop() {
    if (region != null) {
      region.close();
    }
  }
}
