package dev.trovekeeper.demo;

/** Receives the oslo.messaging notifications the demo region emits, as Kafka record values. */
@FunctionalInterface
public interface NotificationSink {

  /** The topic Trove's Kafka notification driver writes INFO notifications to. */
  String TOPIC = "notifications.info";

  /** A sink that drops everything. */
  NotificationSink NONE = (topic, value) -> {};

  /**
   * Publishes one record.
   *
   * @param topic always {@link #TOPIC}
   * @param recordValue the record value: {@code {"oslo.version":"2.0","oslo.message":"<json>"}}
   */
  void publish(String topic, String recordValue);
}
