package dev.trovekeeper.testing;

import dev.trovekeeper.auth.AuthTestConfig;
import dev.trovekeeper.boot.EmbeddedDatabase;
import dev.trovekeeper.demo.DemoRegion;
import dev.trovekeeper.demo.DemoRegionSettings;
import dev.trovekeeper.demo.DemoSeed;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Every real component the service needs, started once per test JVM and shared by all
 * {@code @QuarkusTest}s (a global test resource, so Quarkus boots once): MariaDB, a Kafka broker,
 * s3proxy, GreenMail and the demo OpenStack region, whose notifications go to Kafka exactly as
 * oslo.messaging's Kafka driver writes them.
 */
@QuarkusTestResource(TestInfrastructure.class)
public class TestInfrastructure implements QuarkusTestResourceLifecycleManager {

  /** How long the test region takes for each state transition. */
  public static final Duration REGION_DELAY = Duration.ofMillis(300);

  /** The key that seals dataset credentials in tests (never a production key). */
  public static final String DATASET_CREDENTIALS_KEY =
      "dGVzdC1kYXRhc2V0LWNyZWRlbnRpYWxzLWtleS0zMmI=";

  /** The console hand-off links' HMAC secret in tests (never a production key). */
  public static final String CONSOLE_HANDOFF_SECRET = "test-console-handoff-secret-0123456789";

  private static KafkaBroker kafka;
  private static S3ProxyServer s3;
  private static SmtpServer smtp;
  private static DemoRegion region;
  private static KafkaProducer<String, String> notifications;

  @Override
  public Map<String, String> start() {
    startAll();
    Map<String, String> config = new HashMap<>();
    var db = MariaDbTestResource.database();
    config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
    config.put("quarkus.datasource.username", EmbeddedDatabase.USER);
    config.putAll(kafka.config());
    config.put("keeper.events.kafka.bootstrap-servers", kafka.bootstrapServers());
    config.putAll(s3.config());
    config.putAll(smtp.config());
    config.putAll(AuthTestConfig.config());
    config.putAll(WebhookSigner.config());
    config.put("keeper.console.handoff.secret", CONSOLE_HANDOFF_SECRET);
    config.put("keeper.demo.enabled", "false");
    // Dataset credentials are sealed with this (test-only) key: 32 bytes, base64.
    config.put("keeper.dataset.credentials-key", DATASET_CREDENTIALS_KEY);
    config.put("keeper.openstack.auth-url", region.authUrl());
    config.put("keeper.openstack.username", DemoSeed.KEEPER_USER);
    config.put("keeper.openstack.password", DemoSeed.KEEPER_PASSWORD);
    config.put("keeper.openstack.project-name", DemoSeed.SERVICE_PROJECT_NAME);
    // Tests reconcile explicitly; notifications are the only automatic path in.
    config.put("keeper.inventory.reconcile-interval", "1h");
    config.put("keeper.inventory.reconcile-delay", "1h");
    // The global default never fires during tests; tests set the policies they exercise.
    config.put("keeper.policy.global-default.cron", "0 0 0 1 1 ? 2099");
    // Tests fire crons every 2 s (*/2); production's minimum between scheduled backups is 1 h.
    config.put("keeper.policy.limits.min-interval", "2s");
    config.put("keeper.run.manual.max-per-day", "3");
    // Fast engine: tests run cron slots a few seconds apart.
    config.put("keeper.schedule.poll-interval", "100ms");
    config.put("keeper.schedule.misfire-threshold", "2s");
    config.put("keeper.run.poll-interval", "100ms");
    config.put("keeper.run.poll-base-delay", "200ms");
    config.put("keeper.run.poll-max-delay", "1s");
    config.put("keeper.run.retry-base-delay", "300ms");
    config.put("keeper.run.retry-max-delay", "2s");
    config.put("keeper.run.admission-retry-delay", "200ms");
    // A restore looks at its safety backup this often (1 s in production).
    config.put("keeper.data-restore.safety-poll", "100ms");
    // Queued suspension mails go out within a second (every 5 s in production).
    config.put("keeper.dataset.suspension-mail.interval", "1s");
    // A test's runs may still be stepping when Quarkus stops (profile change, end of the JVM).
    config.put("keeper.run.shutdown-grace", "1s");
    // Short leases, renewed while a step lasts: a step may take longer (RunEngineTest).
    config.put("keeper.run.lease", "8s");
    config.put("keeper.run.lease-renewal", "2s");
    config.put("keeper.openstack.timeout", "2s");
    config.put("keeper.openstack.retry-base-delay", "100ms");
    config.put("keeper.openstack.retry-max-delay", "2s");
    config.put("keeper.retention.sweep-interval", "1h");
    config.put("keeper.retention.sweep-delay", "1h");
    config.put("keeper.retention.deletion-check-interval", "500ms");
    // Dataset credentials are stored encrypted: a fixed test key (32 bytes, base64).
    config.put("keeper.dataset.credentials-key", "dGVzdC1rZXktZm9yLWRhdGFzZXQtY3JlZGVudGlhbHM=");
    return config;
  }

  private static synchronized void startAll() {
    if (region != null) {
      return;
    }
    kafka = KafkaBroker.start();
    s3 = S3ProxyServer.start();
    smtp = SmtpServer.start();
    notifications = new KafkaProducer<>(producerProperties(kafka.bootstrapServers()));
    region =
        DemoRegion.start(
            DemoRegionSettings.builder().allDelays(REGION_DELAY).rateLimitPerMinute(0).build(),
            (topic, value) -> send(topic, value));
    Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::stopAll));
  }

  /** Publishes a record to the test broker as oslo.messaging does: no key, no headers. */
  public static void send(String topic, String value) {
    try {
      notifications.send(new ProducerRecord<>(topic, null, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot publish to " + topic, e);
    }
  }

  public static DemoRegion region() {
    return region;
  }

  public static KafkaBroker kafka() {
    return kafka;
  }

  public static SmtpServer smtp() {
    return smtp;
  }

  @Override
  public void stop() {
    // shared by every test class; stopped when the JVM exits
  }

  /**
   * Stops what {@link #startAll()} started, once: at the end of the test session ({@link
   * TestSession}), or when the JVM exits if the session did not end normally.
   */
  static synchronized void stopAll() {
    if (region == null) {
      return;
    }
    notifications.close(Duration.ofSeconds(2));
    region.close();
    smtp.close();
    s3.close();
    kafka.close();
    region = null;
  }

  private static Properties producerProperties(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return props;
  }
}
