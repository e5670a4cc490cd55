package dev.trovekeeper.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The built-in demo OpenStack region, used when no real OpenStack is configured. */
@ConfigMapping(prefix = "keeper.demo")
public interface DemoConfig {

  /** Start the demo region and use it as OpenStack (set by the embedded defaults). */
  @WithDefault("false")
  boolean enabled();

  /** Loopback port of the demo region; 0 picks a free one (the URL is logged). */
  @WithDefault("0")
  int port();

  /** Overrides every state-transition delay of the simulator (BUILD, backups, delete). */
  Optional<Duration> delays();
}
