package dev.trovekeeper.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A notification already handled, remembered by its oslo {@code message_id}. */
@Entity
@Table(name = "processed_notifications")
public class ProcessedNotification {

  @Id
  @Column(name = "message_id")
  public String messageId;

  @Column(name = "event_type")
  public String eventType;

  /** HANDLED or IGNORED. */
  public String outcome;

  @Column(name = "received_at")
  public Instant receivedAt;
}
