package dev.trovekeeper.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Records outgoing events in the transactional outbox. The event is written in the caller's
 * transaction, so it exists exactly when the change it reports was committed; {@link OutboxRelay}
 * publishes it afterwards.
 */
@ApplicationScoped
public class EventService {

  private final EntityManager em;
  private final ObjectMapper mapper;
  private final Clock clock;

  EventService(EntityManager em, ObjectMapper mapper, Clock clock) {
    this.em = em;
    this.mapper = mapper;
    this.clock = clock;
  }

  /**
   * Writes an event to the outbox in the caller's transaction (there must be one).
   *
   * @param type short type from {@link EventTypes}, e.g. {@code backup.succeeded}
   * @param subject what it is about, e.g. {@link EventTypes#targetSubject(long)}; the Kafka key
   * @param projectId owning project, may be null for fleet-wide events
   * @param data type-specific payload (see {@link EventTypes}); JSON-serialisable values
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void record(String type, String subject, String projectId, Map<String, Object> data) {
    CloudEvent event =
        new CloudEvent(UUID.randomUUID(), type, subject, clock.instant(), projectId, data);
    OutboxEvent row = new OutboxEvent();
    row.eventId = event.id().toString();
    row.eventType = type;
    row.subject = subject;
    row.projectId = projectId;
    row.payload = toJson(event);
    row.createdAt = event.time();
    em.persist(row);
  }

  private String toJson(CloudEvent event) {
    try {
      return mapper.writeValueAsString(event.envelope());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event data is not JSON-serialisable: " + event.type(), e);
    }
  }
}
