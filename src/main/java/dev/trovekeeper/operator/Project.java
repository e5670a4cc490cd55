package dev.trovekeeper.operator;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** The service's settings of one Keystone project; the row is created when first needed. */
@Entity
@Table(name = "projects")
public class Project {

  @Id public String id;

  public String name;

  @Column(name = "tier_id")
  public Long tierId;

  /** Paused by an operator: no scheduled runs fire and no run starts. */
  public boolean paused;

  /** The operator (Keystone user id) who paused it, while paused. */
  @Column(name = "paused_by")
  public String pausedBy;

  /** When it was paused, while paused. */
  @Column(name = "paused_at")
  public Instant pausedAt;

  @Column(name = "owner_email")
  public String ownerEmail;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;
}
