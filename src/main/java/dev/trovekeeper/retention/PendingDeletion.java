package dev.trovekeeper.retention;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A backup retention decided to delete, until Trove confirms it gone. */
@Entity
@Table(name = "retention_deletions")
public class PendingDeletion {

  /** The artifact (the service's backup row) being deleted. */
  @Id
  @Column(name = "artifact_id")
  public Long artifactId;

  @Column(name = "target_id")
  public Long targetId;

  /** Why: a {@link DeleteReason}, {@code OWNER_CONFIRMED} or {@code QUOTA_PRESSURE}. */
  public String reason;

  /** The deleted ancestor whose DELETE takes this backup with it; null for a root. */
  @Column(name = "cascaded_from")
  public String cascadedFrom;

  /** When Trove accepted the DELETE (202); null while it is not sent. */
  @Column(name = "requested_at")
  public Instant requestedAt;

  @Column(name = "created_at")
  public Instant createdAt;
}
