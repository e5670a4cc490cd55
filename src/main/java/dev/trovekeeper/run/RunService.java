package dev.trovekeeper.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Use cases of runs: creating them (scheduled or on demand) and reading them. */
@ApplicationScoped
public class RunService {

  private final RunRepository runs;
  private final ArtifactRepository artifacts;
  private final Clock clock;

  RunService(RunRepository runs, ArtifactRepository artifacts, Clock clock) {
    this.runs = runs;
    this.artifacts = artifacts;
    this.clock = clock;
  }

  /** Backups of a target not yet deleted, oldest first. */
  @Transactional
  public java.util.List<Artifact> liveArtifacts(long targetId) {
    return artifacts.listLive(targetId);
  }

  /** Targets that have backups not yet deleted, for the retention sweep. */
  @Transactional
  public java.util.List<Long> targetsWithLiveArtifacts() {
    return artifacts
        .getEntityManager()
        .createQuery(
            "select distinct a.targetId from Artifact a where a.status <> 'DELETED'", Long.class)
        .getResultList();
  }

  /** Targets of one project that have backups not yet deleted, for freeing its backup quota. */
  @Transactional
  public java.util.List<Long> targetsWithLiveArtifacts(String projectId) {
    return artifacts
        .getEntityManager()
        .createQuery(
            "select distinct a.targetId from Artifact a where a.projectId = ?1"
                + " and a.status <> 'DELETED'",
            Long.class)
        .setParameter(1, projectId)
        .getResultList();
  }

  /**
   * Marks backups DELETED once Trove confirmed them gone; returns those that were not DELETED yet,
   * so a caller records one event per backup however often it is confirmed. Joins the caller's
   * transaction.
   */
  @Transactional
  public java.util.List<String> markDeleted(
      long targetId, java.util.Collection<String> externalIds) {
    Instant now = clock.instant();
    java.util.List<String> changed = new java.util.ArrayList<>();
    for (String externalId : externalIds) {
      int updated =
          artifacts
              .getEntityManager()
              .createQuery(
                  "update Artifact a set a.status = 'DELETED', a.deletedAt = ?1,"
                      + " a.updatedAt = ?1, a.version = a.version + 1"
                      + " where a.targetId = ?2 and a.externalId = ?3 and a.status <> 'DELETED'")
              .setParameter(1, now)
              .setParameter(2, targetId)
              .setParameter(3, externalId)
              .executeUpdate();
      if (updated == 1) {
        changed.add(externalId);
      }
    }
    return changed;
  }

  /**
   * Records the outcome of a delete: DELETED (with the children Trove deleted) or another status.
   */
  @Transactional
  public void artifactsDeleted(
      long targetId, java.util.Collection<String> externalIds, String status) {
    Instant now = clock.instant();
    for (String externalId : externalIds) {
      artifacts
          .findByExternalId(targetId, externalId)
          .ifPresent(
              artifact -> {
                artifact.status = status;
                artifact.updatedAt = now;
                if ("DELETED".equals(status)) {
                  artifact.deletedAt = now;
                }
              });
    }
  }

  /**
   * Creates the run of one schedule slot, unless that slot already has one (a slot fires once,
   * enforced again by the unique key on target and slot). Joins the caller's transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<Run> createForSlot(
      long targetId, String projectId, Long policyId, Instant slot, RunTrigger trigger) {
    if (runs.existsForSlot(targetId, slot)) {
      return Optional.empty();
    }
    return Optional.of(create(targetId, projectId, policyId, slot, trigger));
  }

  /** Rows of one multi-row insert of {@link #createForSlots}. */
  private static final int INSERT_CHUNK = 500;

  /**
   * Creates the runs of many schedule slots in multi-row inserts (one statement per {@value
   * #INSERT_CHUNK} runs, not one insert and one duplicate check per run): the schedule engine's
   * batch. A slot that already has a run keeps it; the unique key on target and slot decides, in
   * the same statement ({@code ON DUPLICATE KEY UPDATE} that changes nothing). Joins the caller's
   * transaction; plain JDBC on its connection, so the persistence context is neither flushed nor
   * filled with the new runs.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void createForSlots(List<SlotRun> slotRuns) {
    if (slotRuns.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    runs.getEntityManager()
        .unwrap(org.hibernate.Session.class)
        .doWork(
            connection -> {
              for (int from = 0; from < slotRuns.size(); from += INSERT_CHUNK) {
                insertSlotRuns(
                    connection,
                    slotRuns.subList(from, Math.min(slotRuns.size(), from + INSERT_CHUNK)),
                    now);
              }
            });
  }

  private static void insertSlotRuns(
      java.sql.Connection connection, List<SlotRun> chunk, Instant now)
      throws java.sql.SQLException {
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO runs (public_id, target_id, project_id, policy_id, operation,"
                + " run_trigger, slot_at, backup_type, state, progress_phase, created_at,"
                + " updated_at) VALUES ");
    for (int i = 0; i < chunk.size(); i++) {
      sql.append(i == 0 ? "" : ", ")
          .append("(?, ?, ?, ?, 'BACKUP', ?, ?, 'FULL', 'PENDING', 'queued', ?, ?)");
    }
    sql.append(" ON DUPLICATE KEY UPDATE id = id");
    java.time.LocalDateTime created = utc(now);
    try (java.sql.PreparedStatement insert = connection.prepareStatement(sql.toString())) {
      int p = 1;
      for (SlotRun run : chunk) {
        insert.setString(p++, java.util.UUID.randomUUID().toString());
        insert.setLong(p++, run.targetId());
        insert.setString(p++, run.projectId());
        insert.setObject(p++, run.policyId());
        insert.setString(p++, run.trigger().name());
        insert.setObject(p++, utc(run.slot()));
        insert.setObject(p++, created);
        insert.setObject(p++, created);
      }
      insert.executeUpdate();
    }
  }

  /** As Hibernate binds instants here ({@code jdbc.timezone=UTC}): the UTC wall time. */
  private static java.time.LocalDateTime utc(Instant instant) {
    return java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
  }

  /**
   * Ends the target's scheduled runs that are queued and not started (PENDING, never started, no
   * live lease) SKIPPED with {@code reasonCode}; returns how many. One statement, in the caller's
   * transaction. A run a worker holds right now is left to its executor, which skips it too.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int skipQueuedScheduled(long targetId, String reasonCode, String reason) {
    Instant now = clock.instant();
    return runs.getEntityManager()
        .createNativeQuery(
            "UPDATE runs SET state = 'SKIPPED', progress_phase = 'skipped', reason_code = ?1,"
                + " reason = LEFT(?2, 1000), finished_at = ?3, next_attempt_at = NULL,"
                + " eta_at = NULL, claimed_by = NULL, claim_expires_at = NULL, updated_at = ?3,"
                + " version = version + 1"
                + " WHERE target_id = ?4 AND state = 'PENDING' AND started_at IS NULL"
                + " AND run_trigger IN ('SCHEDULED', 'CATCH_UP', 'BACKFILL')"
                + " AND (claim_expires_at IS NULL OR claim_expires_at <= ?3)")
        .setParameter(1, reasonCode)
        .setParameter(2, reason)
        .setParameter(3, java.time.LocalDateTime.ofInstant(now, java.time.ZoneOffset.UTC))
        .setParameter(4, targetId)
        .executeUpdate();
  }

  /** A backup now, outside the schedule. */
  @Transactional
  public Run createManual(long targetId, String projectId, Long policyId) {
    return create(targetId, projectId, policyId, null, RunTrigger.MANUAL);
  }

  /**
   * A run of {@code operation} a tenant asked for now (trigger MANUAL, so claimed before scheduled
   * work), queued. Joins the caller's transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Run createRequested(long targetId, String projectId, Operation operation) {
    Instant now = clock.instant();
    Run run = new Run();
    run.targetId = targetId;
    run.projectId = projectId;
    run.operation = operation;
    run.trigger = RunTrigger.MANUAL;
    run.state = RunState.PENDING;
    run.progressPhase = "queued";
    run.createdAt = now;
    run.updatedAt = now;
    runs.persist(run);
    return run;
  }

  /**
   * The safety backup a restore of tenant data takes first: a BACKUP run of the target with trigger
   * BEFORE_RESTORE (its artifact's origin), claimed as a tenant's request. Own transaction.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Run createBeforeRestore(long targetId, String projectId) {
    Run run = createRequested(targetId, projectId, Operation.BACKUP);
    run.trigger = RunTrigger.BEFORE_RESTORE;
    return run;
  }

  /** The target's backup with this public id (any status), as the backup list shows it. */
  @Transactional
  public Optional<Artifact> backup(long targetId, String publicId) {
    return artifacts
        .find("publicId = ?1 and targetId = ?2", publicId, targetId)
        .firstResultOptional();
  }

  /** When the newest COMPLETED backup of a target was taken, if it has one. */
  @Transactional
  public Optional<Instant> lastSuccessfulBackupAt(long targetId) {
    return artifacts
        .getEntityManager()
        .createQuery(
            "select max(a.createdAt) from Artifact a where a.targetId = ?1"
                + " and a.status = 'COMPLETED'",
            Instant.class)
        .setParameter(1, targetId)
        .getResultList()
        .stream()
        .filter(java.util.Objects::nonNull)
        .findFirst();
  }

  @Transactional
  public Optional<Run> find(long runId) {
    return runs.findByIdOptional(runId);
  }

  private Run create(
      long targetId, String projectId, Long policyId, Instant slot, RunTrigger trigger) {
    Instant now = clock.instant();
    Run run = new Run();
    run.targetId = targetId;
    run.projectId = projectId;
    run.policyId = policyId;
    run.slotAt = slot;
    run.trigger = trigger;
    run.state = RunState.PENDING;
    run.progressPhase = "queued";
    run.createdAt = now;
    run.updatedAt = now;
    runs.persist(run);
    return run;
  }

  /**
   * Deletes up to {@code batch} finished runs that ended before {@code cutoff}, keeping the latest
   * run of each target and every run a backup still points at; returns how many.
   */
  @Transactional
  @SuppressWarnings("unchecked")
  public int pruneFinishedBefore(Instant cutoff, int batch) {
    var em = runs.getEntityManager();
    List<Number> ids =
        em.createNativeQuery(
                "SELECT r.id FROM runs r WHERE r.state IN ('SUCCEEDED', 'FAILED', 'SKIPPED')"
                    + " AND r.finished_at < ?1"
                    + " AND EXISTS (SELECT 1 FROM runs n WHERE n.target_id = r.target_id"
                    + " AND n.id > r.id)"
                    + " AND NOT EXISTS (SELECT 1 FROM artifacts a WHERE a.run_id = r.id)"
                    + " ORDER BY r.id LIMIT ?2")
            .setParameter(1, java.time.LocalDateTime.ofInstant(cutoff, java.time.ZoneOffset.UTC))
            .setParameter(2, batch)
            .getResultList();
    if (ids.isEmpty()) {
      return 0;
    }
    return em.createNativeQuery("DELETE FROM runs WHERE id IN (?1)")
        .setParameter(1, ids.stream().map(Number::longValue).toList())
        .executeUpdate();
  }

  /**
   * Whether the target of this kind, project and external id has a run not yet final (pending,
   * requested or running, including one waiting for a retry), which may still write its backup.
   */
  @Transactional
  public boolean hasUnfinishedRun(
      dev.trovekeeper.inventory.TargetKind kind, String projectId, String externalId) {
    Number count =
        (Number)
            runs.getEntityManager()
                .createNativeQuery(
                    "SELECT COUNT(*) FROM runs r JOIN targets t ON t.id = r.target_id"
                        + " WHERE t.kind = ?1 AND t.project_id = ?2 AND t.external_id = ?3"
                        + " AND r.state IN ('PENDING', 'REQUESTED', 'RUNNING')")
                .setParameter(1, kind.name())
                .setParameter(2, projectId)
                .setParameter(3, externalId)
                .getSingleResult();
    return count.longValue() > 0;
  }

  /** Whether any target of this kind in the project has a run not yet final. */
  @Transactional
  public boolean hasUnfinishedRunInProject(
      dev.trovekeeper.inventory.TargetKind kind, String projectId) {
    Number count =
        (Number)
            runs.getEntityManager()
                .createNativeQuery(
                    "SELECT COUNT(*) FROM runs r JOIN targets t ON t.id = r.target_id"
                        + " WHERE t.kind = ?1 AND r.project_id = ?2"
                        + " AND r.state IN ('PENDING', 'REQUESTED', 'RUNNING')")
                .setParameter(1, kind.name())
                .setParameter(2, projectId)
                .getSingleResult();
    return count.longValue() > 0;
  }

  /** Which of these external ids name a backup (artifact) that is not DELETED. */
  @Transactional
  public java.util.Set<String> liveArtifactIds(java.util.Collection<String> externalIds) {
    if (externalIds.isEmpty()) {
      return java.util.Set.of();
    }
    return new java.util.HashSet<>(
        artifacts
            .getEntityManager()
            .createQuery(
                "select a.externalId from Artifact a where a.externalId in ?1"
                    + " and a.status <> 'DELETED'",
                String.class)
            .setParameter(1, externalIds)
            .getResultList());
  }
}
