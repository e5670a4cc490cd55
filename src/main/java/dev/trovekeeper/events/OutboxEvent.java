package dev.trovekeeper.events;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An outgoing event written in the same transaction as the change it reports. */
@Entity
@Table(name = "outbox_events")
public class OutboxEvent {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "event_id")
  public String eventId;

  @Column(name = "event_type")
  public String eventType;

  public String subject;

  @Column(name = "project_id")
  public String projectId;

  /** The event body, JSON. */
  @JdbcTypeCode(SqlTypes.LONGVARCHAR)
  public String payload;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "published_at")
  public Instant publishedAt;

  public int attempts;
}
