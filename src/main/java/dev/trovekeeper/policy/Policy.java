package dev.trovekeeper.policy;

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
import java.time.LocalTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A backup policy as stored at one scope: when to back up, full or incremental, what to keep, what
 * to do when missed. A null field inherits from the next wider scope; {@link
 * PolicyService#effective} gives the merged policy of a target.
 */
@Entity
@Table(name = "policies")
public class Policy {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Enumerated(EnumType.STRING)
  @JdbcTypeCode(SqlTypes.VARCHAR)
  public PolicyScope scope;

  /** 'GLOBAL', 'PROJECT:&lt;id&gt;' or 'TARGET:&lt;id&gt;': unique, one policy per scope. */
  @Column(name = "scope_key")
  public String scopeKey;

  @Column(name = "project_id")
  public String projectId;

  @Column(name = "target_id")
  public Long targetId;

  public String name;

  @Enumerated(EnumType.STRING)
  @JdbcTypeCode(SqlTypes.VARCHAR)
  @Column(name = "schedule_kind")
  public ScheduleKind scheduleKind;

  @Column(name = "cron_expression")
  public String cronExpression;

  @Column(name = "time_zone")
  public String timeZone;

  @Column(name = "window_start")
  public LocalTime windowStart;

  @Column(name = "window_length_minutes")
  public Integer windowLengthMinutes;

  /** A full backup when the last full is older than this; 0: every backup is full. */
  @Column(name = "full_interval_days")
  public Integer fullIntervalDays;

  /** At most this many backups per incremental chain (the full included); null: no cap. */
  @Column(name = "max_chain_length")
  public Integer maxChainLength;

  @Column(name = "keep_last")
  public Integer keepLast;

  @Column(name = "max_age_days")
  public Integer maxAgeDays;

  @Column(name = "keep_daily")
  public Integer keepDaily;

  @Column(name = "keep_weekly")
  public Integer keepWeekly;

  @Column(name = "keep_monthly")
  public Integer keepMonthly;

  @Column(name = "failed_grace_hours")
  public Integer failedGraceHours;

  @Enumerated(EnumType.STRING)
  @JdbcTypeCode(SqlTypes.VARCHAR)
  @Column(name = "missed_run_policy")
  public MissedRunPolicy missedRunPolicy;

  @Column(name = "backfill_max")
  public Integer backfillMax;

  @Column(name = "backfill_deadline_hours")
  public Integer backfillDeadlineHours;

  @Column(name = "rpo_target_minutes")
  public Integer rpoTargetMinutes;

  public Boolean paused;

  @Enumerated(EnumType.STRING)
  @JdbcTypeCode(SqlTypes.VARCHAR)
  @Column(name = "after_delete")
  public AfterDelete afterDelete;

  @Column(name = "final_backup_days")
  public Integer finalBackupDays;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;

  /** A restore drill this often (hours); 0: none; null inherits. */
  @Column(name = "restore_drill_interval_hours")
  public Integer restoreDrillIntervalHours;
}
