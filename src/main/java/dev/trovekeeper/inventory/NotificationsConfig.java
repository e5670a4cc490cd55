package dev.trovekeeper.inventory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where Trove's notifications come from. The channel itself ({@code notifications}) is SmallRye
 * Reactive Messaging's; application.properties maps these settings onto it.
 */
@ConfigMapping(prefix = "keeper.notifications")
public interface NotificationsConfig {

  /** Kafka settings; without bootstrap servers the in-memory channel (demo region) is used. */
  Kafka kafka();

  /**
   * A record still not handled after this long (retries included) marks the consumer as not
   * consuming: readiness and liveness report DOWN until it is handled.
   */
  @WithDefault("60s")
  Duration stallThreshold();

  /** Kafka consumer settings. */
  interface Kafka {

    /** Brokers ({@code KAFKA_BOOTSTRAP_SERVERS}); empty: the in-memory connector. */
    Optional<String> bootstrapServers();

    /** Topics oslo.messaging writes to: {@code <topic>.<priority>}. */
    @WithDefault("notifications.info")
    List<String> topics();

    /** Records that are not notifications go here, with the reason in header {@code x-reason}. */
    @WithDefault("notifications.dlq")
    String deadLetterTopic();

    /** Consumer group shared by all replicas. */
    @WithDefault("trove-keeper")
    String groupId();

    /**
     * Tries of a record that keeps failing for a transient reason (database down) before it is
     * dead-lettered; also used by the in-memory connector.
     */
    @WithDefault("10")
    int maxAttempts();

    /** Pause before the first retry of a record that failed (database down); doubles each time. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** Longest pause between two retries of the same record. */
    @WithDefault("20s")
    Duration retryMaxBackoff();
  }
}
