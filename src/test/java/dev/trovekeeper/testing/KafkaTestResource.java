package dev.trovekeeper.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a KRaft broker (see {@link KafkaBroker}) with the service's topics and returns {@code
 * kafka.bootstrap.servers} and {@code keeper.notifications.kafka.bootstrap-servers}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

  private KafkaBroker broker;

  @Override
  public Map<String, String> start() {
    broker = KafkaBroker.start();
    return broker.config();
  }

  @Override
  public void stop() {
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }
}
