package dev.trovekeeper.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One change made through the API or by the service itself. */
@Entity
@Table(name = "audit_log")
public class AuditEntry {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** What operators see and page by: a random UUID, never the sequential key. */
  @Column(name = "public_id")
  public String publicId;

  @Column(name = "occurred_at")
  public Instant occurredAt;

  public String actor;

  @Column(name = "actor_project")
  public String actorProject;

  public String action;

  @Column(name = "resource_type")
  public String resourceType;

  @Column(name = "resource_id")
  public String resourceId;

  @Column(name = "project_id")
  public String projectId;

  @JdbcTypeCode(SqlTypes.LONGVARCHAR)
  @Column(name = "before_json")
  public String beforeJson;

  @JdbcTypeCode(SqlTypes.LONGVARCHAR)
  @Column(name = "after_json")
  public String afterJson;

  @Column(name = "request_id")
  public String requestId;

  @jakarta.persistence.PrePersist
  void assignPublicId() {
    if (publicId == null) {
      publicId = java.util.UUID.randomUUID().toString();
    }
  }
}
