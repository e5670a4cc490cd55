package dev.trovekeeper.events;

import java.util.List;

/** Where the relay sends events: Kafka, or the log when no Kafka is configured. */
interface EventPublisher {

  /**
   * Sends the events in order and waits for every acknowledgement.
   *
   * @return for each event, in the same order, whether it was acknowledged
   */
  List<Boolean> publish(List<OutboxEvent> events);
}
