package dev.trovekeeper.events;

import io.quarkus.logging.Log;
import java.util.Collections;
import java.util.List;

/** No Kafka configured (embedded default): events are logged at DEBUG and count as published. */
final class LogEventPublisher implements EventPublisher {

  @Override
  public List<Boolean> publish(List<OutboxEvent> events) {
    for (OutboxEvent event : events) {
      Log.debugf("Event (no Kafka configured) %s: %s", event.subject, event.payload);
    }
    return Collections.nCopies(events.size(), true);
  }
}
