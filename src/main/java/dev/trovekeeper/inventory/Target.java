package dev.trovekeeper.inventory;

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

/** A Trove instance or tenant dataset that policies apply to. */
@Entity
@Table(name = "targets")
public class Target {

  /** Trove reports this status for an instance it no longer lists. */
  public static final String STATUS_VANISHED = "VANISHED";

  public static final String STATUS_DELETED = "DELETED";

  /** A dataset whose backups are suspended (its source refused us, or its tenant is inactive). */
  public static final String STATUS_SUSPENDED = "SUSPENDED";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Enumerated(EnumType.STRING)
  @JdbcTypeCode(SqlTypes.VARCHAR)
  public TargetKind kind;

  @Column(name = "project_id")
  public String projectId;

  @Column(name = "external_id")
  public String externalId;

  public String name;

  /** Trove's instance status (ACTIVE, BUILD, ERROR, ...), or VANISHED / DELETED. */
  public String status;

  @Column(name = "datastore_type")
  public String datastoreType;

  @Column(name = "datastore_version")
  public String datastoreVersion;

  public String region;

  @Enumerated(EnumType.STRING)
  @JdbcTypeCode(SqlTypes.VARCHAR)
  @Column(name = "discovered_by")
  public DiscoverySource discoveredBy;

  @Column(name = "chain_reset_at")
  public Instant chainResetAt;

  /**
   * When a restore drill last proved a backup of this instance restorable (read only here: written
   * by the drill with one UPDATE, so an entity write elsewhere never puts an older value back).
   */
  @Column(name = "proven_restorable_at", insertable = false, updatable = false)
  public Instant provenRestorableAt;

  /** The restore time (POST to ACTIVE, ms) that drill measured; read only as above. */
  @Column(name = "restore_rto_ms", insertable = false, updatable = false)
  public Long restoreRtoMillis;

  /**
   * Start of the latest reconcile pass whose listing named this instance (read only here: stamped
   * page by page with one UPDATE by {@link TargetRepository#stampListed}, so an entity write
   * elsewhere never puts an older value back).
   */
  @Column(name = "listed_in_pass_at", insertable = false, updatable = false)
  public Instant listedInPassAt;

  @Column(name = "last_seen_at")
  public Instant lastSeenAt;

  @Column(name = "deleted_at")
  public Instant deletedAt;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;

  public boolean isGone() {
    return deletedAt != null || STATUS_VANISHED.equals(status);
  }

  /** A suspended dataset: kept with everything, but no run reads its source until resumed. */
  public boolean isSuspended() {
    return STATUS_SUSPENDED.equals(status);
  }
}
