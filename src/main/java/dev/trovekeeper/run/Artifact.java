package dev.trovekeeper.run;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A backup as the service knows it: a Trove backup, or a tenant-data archive. */
@Entity
@Table(name = "artifacts")
public class Artifact {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** What tenants see: a random UUID, never the sequential key. */
  @Column(name = "public_id")
  public String publicId;

  @Column(name = "target_id")
  public Long targetId;

  @Column(name = "project_id")
  public String projectId;

  @Column(name = "run_id")
  public Long runId;

  /** Trove backup id, or archive id. */
  @Column(name = "external_id")
  public String externalId;

  @Column(name = "parent_external_id")
  public String parentExternalId;

  @Enumerated(EnumType.STRING)
  @JdbcTypeCode(SqlTypes.VARCHAR)
  @Column(name = "backup_type")
  public BackupType backupType;

  @Enumerated(EnumType.STRING)
  @JdbcTypeCode(SqlTypes.VARCHAR)
  public ArtifactOrigin origin;

  /** Trove's backup status, plus DELETING / DELETED for the service's own bookkeeping. */
  public String status;

  @Column(name = "size_bytes")
  public Long sizeBytes;

  public String location;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "completed_at")
  public Instant completedAt;

  @Column(name = "deleted_at")
  public Instant deletedAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  /**
   * When a restore drill last proved this backup restorable (read only here: written by the drill
   * with one UPDATE, so an entity write elsewhere never puts an older value back).
   */
  @Column(name = "proven_restorable_at", insertable = false, updatable = false)
  public Instant provenRestorableAt;

  /** The restore time (POST to ACTIVE, ms) that drill measured; read only as above. */
  @Column(name = "restore_rto_ms", insertable = false, updatable = false)
  public Long restoreRtoMillis;

  @Version public long version;

  @jakarta.persistence.PrePersist
  void assignPublicId() {
    if (publicId == null) {
      publicId = java.util.UUID.randomUUID().toString();
    }
  }
}
