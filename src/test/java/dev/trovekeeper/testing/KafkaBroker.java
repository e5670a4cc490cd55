package dev.trovekeeper.testing;

import java.util.ArrayList;
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

  /** Kafka's own JVM-exit deletions of this broker's directories: run after it is closed. */
  private final List<Runnable> deletions;

  private boolean closed;

  private KafkaBroker(KafkaClusterTestKit cluster, List<Runnable> deletions) {
    this.cluster = cluster;
    this.deletions = deletions;
  }

  /** Formats, starts the cluster and creates {@link #TOPICS}. */
  public static KafkaBroker start() {
    KafkaClusterTestKit cluster = null;
    keepTheTestJvmAlive();
    List<Runnable> deletions = new ArrayList<>();
    try {
      TestKitNodes nodes =
          new TestKitNodes.Builder()
              .setCombined(true)
              .setNumBrokerNodes(1)
              .setNumControllerNodes(1)
              .build();
      cluster = build(nodes, deletions);
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      KafkaBroker broker = new KafkaBroker(cluster, deletions);
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-test-broker-stop"));
      broker.createTopics();
      return broker;
    } catch (Exception e) {
      closeQuietly(cluster, e);
      deletions.forEach(Runnable::run);
      throw new IllegalStateException("cannot start the Kafka test broker", e);
    }
  }

  /**
   * The test kit registers a JVM shutdown hook deleting the broker's directories. Run at exit
   * alongside the hook that closes the broker, it deleted log directories under a broker still
   * closing them, and a broker whose log directories fail halts the JVM. Those deletions are
   * collected here and run by {@link #close()} once the broker is down.
   */
  private static synchronized KafkaClusterTestKit build(
      TestKitNodes nodes, List<Runnable> deletions) throws Exception {
    Exit.setShutdownHookAdder((name, hook) -> deletions.add(hook));
    try {
      return new KafkaClusterTestKit.Builder(nodes)
          .setConfigProp("offsets.topic.replication.factor", "1")
          .setConfigProp("transaction.state.log.replication.factor", "1")
          .setConfigProp("transaction.state.log.min.isr", "1")
          .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          .build();
    } finally {
      Exit.resetShutdownHookAdder();
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

  /** Stops the broker, then deletes its directories; a second call does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the Kafka test broker", e);
    } finally {
      deletions.forEach(Runnable::run);
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
