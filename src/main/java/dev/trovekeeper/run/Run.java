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

/** One attempt to back up (or restore, or migrate) a target, with its progress. */
// Only changed columns are written: a worker's update must not put back the lease expiry it read
// while its lease renewal (RunStore.renew) moved it on.
@org.hibernate.annotations.DynamicUpdate
@Entity
@Table(name = "runs")
public class Run {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** What tenants see: a random UUID, so run ids are neither sequential nor guessable. */
  @Column(name = "public_id")
  public String publicId;

  @Column(name = "target_id")
  public Long targetId;

  @Column(name = "project_id")
  public String projectId;

  @Column(name = "policy_id")
  public Long policyId;

  @Enumerated(EnumType.STRING)
  @JdbcTypeCode(SqlTypes.VARCHAR)
  public Operation operation = Operation.BACKUP;

  @Enumerated(EnumType.STRING)
  @JdbcTypeCode(SqlTypes.VARCHAR)
  @Column(name = "run_trigger")
  public RunTrigger trigger;

  /** The schedule slot this run fires; unique per target, so a slot never fires twice. */
  @Column(name = "slot_at")
  public Instant slotAt;

  @Enumerated(EnumType.STRING)
  @JdbcTypeCode(SqlTypes.VARCHAR)
  @Column(name = "backup_type")
  public BackupType backupType = BackupType.FULL;

  @Column(name = "parent_external_id")
  public String parentExternalId;

  @Enumerated(EnumType.STRING)
  @JdbcTypeCode(SqlTypes.VARCHAR)
  public RunState state = RunState.PENDING;

  public int attempts;

  @Column(name = "next_attempt_at")
  public Instant nextAttemptAt;

  @Column(name = "reason_code")
  public String reasonCode;

  public String reason;

  /** {@code tk-<runId>}: a run resumed after a crash finds its backup by this name. */
  @Column(name = "backup_name")
  public String backupName;

  @Column(name = "external_backup_id")
  public String externalBackupId;

  @Column(name = "progress_percent")
  public int progressPercent;

  @Column(name = "progress_phase")
  public String progressPhase;

  @Column(name = "progress_done")
  public Long progressDone;

  @Column(name = "progress_total")
  public Long progressTotal;

  @Column(name = "eta_at")
  public Instant etaAt;

  /**
   * Executor-specific progress counts as a JSON object (a dataset backup: records, media, bytes,
   * source requests, 429s, waits); null when the executor reports none.
   */
  @Column(name = "progress_details")
  public String progressDetails;

  /** When a tenant asked to cancel this started run; its executor stops at the next check. */
  @Column(name = "cancel_requested_at")
  public Instant cancelRequestedAt;

  @Column(name = "claimed_by")
  public String claimedBy;

  @Column(name = "claim_expires_at")
  public Instant claimExpiresAt;

  /** Fencing token: bumped by every claim, checked by every change the claim's worker makes. */
  @Column(name = "lease_token")
  public long leaseToken;

  /** Steps that ended in an unexpected error; bounded by {@code keeper.run.max-step-failures}. */
  @Column(name = "step_failures")
  public int stepFailures;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;

  @jakarta.persistence.PrePersist
  void assignPublicId() {
    if (publicId == null) {
      publicId = java.util.UUID.randomUUID().toString();
    }
  }
}
