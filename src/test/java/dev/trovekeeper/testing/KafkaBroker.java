package dev.trovekeeper.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/**
 * A real single-node KRaft Kafka cluster (one combined broker and controller) in this JVM on a
 * random loopback port, with the service's topics created before {@link #start()} returns.
 */
public final class KafkaBroker implements AutoCloseable {

  /** Topics the service consumes or produces, created up front so no consumer sees them missing. */
  public static final List<String> TOPICS =
      List.of("notifications.info", "notifications.dlq", "trove-keeper.events");

  private final KafkaClusterTestKit cluster;

  private KafkaBroker(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  /** Formats, starts the cluster and creates {@link #TOPICS}. */
  public static KafkaBroker start() {
    KafkaClusterTestKit cluster = null;
    keepTheTestJvmAlive();
    try {
      TestKitNodes nodes =
          new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1)
              .build();
      cluster =
          new KafkaClusterTestKit.Builder(nodes)
              .setConfigProp("offsets.topic.replication.factor", "1")
              .setConfigProp("transaction.state.log.replication.factor", "1")
              .setConfigProp("transaction.state.log.min.isr", "1")
              .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
              .setConfigProp("group.initial.rebalance.delay.ms", "0")
              .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      KafkaBroker broker = new KafkaBroker(cluster);
      broker.createTopics();
      return broker;
    } catch (Exception e) {
      closeQuietly(cluster, e);
      throw new IllegalStateException("cannot start the Kafka test broker", e);
    }
  }

  /**
   * A broker in trouble (a full disk, a failed log directory) calls Kafka's {@code Exit.halt(1)},
   * which ended the whole test JVM with exit code 1 and no message: surefire then only says "Error
   * occurred in starting fork". The broker is a test component: say why and let the tests fail on
   * their own.
   */
  private static void keepTheTestJvmAlive() {
    Exit.setExitProcedure((code, message) -> report("exit", code, message));
    Exit.setHaltProcedure((code, message) -> report("halt", code, message));
  }

  private static void report(String what, int code, String message) {
    System.err.printf(
        "Kafka test broker asked to %s the JVM with status %d (ignored): %s%n",
        what, code, message);
    Thread.dumpStack();
  }

  private void createTopics() throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      admin
          .createTopics(TOPICS.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList())
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  /** {@code host:port} of the broker's client listener. */
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /** Config overrides pointing the application's Kafka clients at this broker. */
  public Map<String, String> config() {
    return Map.of(
        "kafka.bootstrap.servers", bootstrapServers(),
        "keeper.notifications.kafka.bootstrap-servers", bootstrapServers());
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the Kafka test broker", e);
    }
  }

  private static void closeQuietly(KafkaClusterTestKit cluster, Exception cause) {
    if (cluster != null) {
      try {
        cluster.close();
      } catch (Exception e) {
        cause.addSuppressed(e);
      }
    }
  }
}
