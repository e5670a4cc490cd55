package dev.trovekeeper.events;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.Map;
import java.util.Set;

/**
 * Picks the connector of each messaging channel from configuration: SmallRye's Kafka connector when
 * the channel's bootstrap servers are set ({@code KAFKA_BOOTSTRAP_SERVERS}), SmallRye's in-memory
 * connector otherwise (the embedded default), and always for notifications when the built-in demo
 * region runs ({@code keeper.demo.enabled}), which feeds that channel. An explicit {@code
 * mp.messaging.*.connector} setting always wins. Registered as a SmallRye Config interceptor
 * (META-INF/services), because a plain property expression cannot map "set" to a connector name.
 */
@Priority(Priorities.APPLICATION)
public class ChannelConnectors implements ConfigSourceInterceptor {

  public static final String KAFKA = "smallrye-kafka";
  public static final String IN_MEMORY = "smallrye-in-memory";

  /** Connector property of each channel, and the property saying where its Kafka is. */
  private static final Map<String, String> CHANNELS =
      Map.of(
          "mp.messaging.incoming.notifications.connector",
          "keeper.notifications.kafka.bootstrap-servers",
          "mp.messaging.outgoing.events.connector",
          "keeper.events.kafka.bootstrap-servers");

  /**
   * Kafka addresses of the channels: left empty (no {@code KAFKA_BOOTSTRAP_SERVERS}) they would
   * fail start-up as "defined as the empty String" although the in-memory connector never reads
   * them; a placeholder stands in.
   */
  private static final Set<String> SERVERS =
      Set.of(
          "mp.messaging.incoming.notifications.bootstrap.servers",
          "quarkus.messaging.incoming.notifications.bootstrap.servers",
          "mp.messaging.outgoing.events.bootstrap.servers",
          "quarkus.messaging.outgoing.events.bootstrap.servers");

  private static final String UNUSED_SERVERS = "unused.invalid:9092";

  @Override
  public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
    ConfigValue value = context.proceed(name);
    if (SERVERS.contains(name) && value != null && !isSet(value)) {
      return value.withValue(UNUSED_SERVERS);
    }
    String serversProperty = CHANNELS.get(name);
    if (serversProperty == null || (value != null && value.getValue() != null)) {
      return value;
    }
    boolean kafka = isSet(context.proceed(serversProperty));
    if (name.contains(".incoming.notifications.")) {
      ConfigValue demo = context.proceed("keeper.demo.enabled");
      kafka &= !(isSet(demo) && Boolean.parseBoolean(demo.getValue().trim()));
    }
    return ConfigValue.builder()
        .withName(name)
        .withValue(kafka ? KAFKA : IN_MEMORY)
        .withConfigSourceName("trove-keeper channel connectors (" + serversProperty + ")")
        .build();
  }

  private static boolean isSet(ConfigValue value) {
    return value != null && value.getValue() != null && !value.getValue().isBlank();
  }
}
