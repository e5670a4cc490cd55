package dev.trovekeeper.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Outgoing events (outbox relay to Kafka) and the metrics refresh. */
@ConfigMapping(prefix = "keeper.events")
public interface EventsConfig {

  /** Kafka the relay publishes to. */
  Kafka kafka();

  /** Topic of the outgoing events. */
  @WithDefault("trove-keeper.events")
  String topic();

  /** Outbox rows one relay pass claims and publishes at most. */
  @WithDefault("100")
  int batchSize();

  /** Pause between relay passes. */
  @WithDefault("1s")
  Duration pollInterval();

  /** Published outbox rows are deleted when older than this. */
  @WithDefault("7d")
  Duration publishedRetention();

  /** How often published outbox rows past the retention are deleted. */
  @WithDefault("1h")
  Duration cleanupInterval();

  /** How often metrics (and RPO breaches) are recomputed from the database. */
  @WithDefault("30s")
  Duration metricsInterval();

  /** Kafka producer settings. */
  interface Kafka {

    /**
     * Brokers ({@code KAFKA_BOOTSTRAP_SERVERS}); empty: events are logged at DEBUG and marked
     * published, so the outbox does not grow.
     */
    Optional<String> bootstrapServers();

    /** How long a pass waits for the broker to acknowledge its batch. */
    @WithDefault("30s")
    Duration sendTimeout();
  }
}
