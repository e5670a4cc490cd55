package dev.trovekeeper.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The notification and event channels use Kafka exactly when Kafka is configured. */
class ChannelConnectorsTest {

  private static final String NOTIFICATIONS = "mp.messaging.incoming.notifications.connector";
  private static final String EVENTS = "mp.messaging.outgoing.events.connector";

  @Test
  void withoutBootstrapServersTheChannelsAreInMemory() {
    SmallRyeConfig config = config(Map.of());
    assertThat(config.getRawValue(NOTIFICATIONS)).isEqualTo("smallrye-in-memory");
    assertThat(config.getRawValue(EVENTS)).isEqualTo("smallrye-in-memory");
  }

  @Test
  void bootstrapServersSelectKafka() {
    SmallRyeConfig config = config(Map.of("BROKERS", "127.0.0.1:9092"));
    assertThat(config.getRawValue(NOTIFICATIONS)).isEqualTo("smallrye-kafka");
    assertThat(config.getRawValue(EVENTS)).isEqualTo("smallrye-kafka");
  }

  @Test
  void theDemoRegionFeedsNotificationsInMemoryEvenWithKafka() {
    SmallRyeConfig config =
        config(Map.of("BROKERS", "127.0.0.1:9092", "keeper.demo.enabled", "true"));
    assertThat(config.getRawValue(NOTIFICATIONS)).isEqualTo("smallrye-in-memory");
    assertThat(config.getRawValue(EVENTS)).isEqualTo("smallrye-kafka");
  }

  @Test
  void anExplicitConnectorWins() {
    Map<String, String> props = new HashMap<>();
    props.put(NOTIFICATIONS, "smallrye-in-memory");
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(props, "test", 500))
            .withSources(
                new PropertiesConfigSource(
                    Map.of("keeper.notifications.kafka.bootstrap-servers", "h:1"), "k", 400))
            .withInterceptors(new ChannelConnectors())
            .build();
    assertThat(config.getRawValue(NOTIFICATIONS)).isEqualTo("smallrye-in-memory");
  }

  /** As application.properties sets them: expressions over a variable that may be unset. */
  private static SmallRyeConfig config(Map<String, String> variables) {
    Map<String, String> props = new HashMap<>(variables);
    props.put("keeper.notifications.kafka.bootstrap-servers", "${BROKERS:}");
    props.put("keeper.events.kafka.bootstrap-servers", "${BROKERS:}");
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(props, "test", 250))
        .withInterceptors(new ChannelConnectors())
        .addDefaultInterceptors()
        .build();
  }
}
