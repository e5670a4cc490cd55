package dev.trovekeeper.inventory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where Trove's notifications come from. */
@ConfigMapping(prefix = "keeper.notifications")
public interface NotificationsConfig {

  /** Kafka settings; without bootstrap servers the in-memory channel (demo region) is used. */
  Kafka kafka();

  /** Kafka consumer settings. */
  interface Kafka {

    /** Brokers ({@code KAFKA_BOOTSTRAP_SERVERS}); empty: no Kafka consumer. */
    Optional<String> bootstrapServers();

    /** Topics oslo.messaging writes to: {@code <topic>.<priority>}. */
    @WithDefault("notifications.info")
    List<String> topics();

    /** Records that are not notifications go here, with the reason in a header. */
    @WithDefault("notifications.dlq")
    String deadLetterTopic();

    /** Consumer group shared by all replicas. */
    @WithDefault("trove-keeper")
    String groupId();

    /** Tries of a record that keeps failing before it is dead-lettered. */
    @WithDefault("5")
    int maxAttempts();

    /** Pause after a failure to handle a record (database down) before it is tried again. */
    @WithDefault("2s")
    Duration retryBackoff();
  }
}
