package dev.trovekeeper.datarestore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The tables of restores of tenant data ({@code data_restores}, {@code data_restore_errors}, V160):
 * what a restore restores, its safety backup run, its counts and its error log.
 */
@ApplicationScoped
class DataRestoreStore {

  private final EntityManager em;

  DataRestoreStore(EntityManager em) {
    this.em = em;
  }

  /**
   * A restore as its executor needs it.
   *
   * @param backupArchiveId the restored backup's archive id (its external id); null once pruned
   */
  record Row(
      long runId,
      long targetId,
      String projectId,
      String backupPublicId,
      String backupArchiveId,
      String selection,
      boolean includeAdded,
      Long safetyRunId) {}

  /** A restore as a tenant sees it. */
  record Summary(
      long runId,
      String publicId,
      String projectId,
      String datasetId,
      String backupPublicId,
      String selection,
      boolean includeAdded,
      String safetyRunId,
      String safetyBackupId,
      String state,
      String reasonCode,
      String reason,
      Instant createdAt,
      Instant finishedAt,
      long[] counts) {}

  /** One refused object. */
  record ErrorRow(
      long seq, String entity, String objectId, String action, int status, String message) {}

  @Transactional(Transactional.TxType.MANDATORY)
  void create(
      long runId,
      long targetId,
      String projectId,
      long backupArtifact,
      String backupPublicId,
      String selection,
      boolean includeAdded) {
    em.createNativeQuery(
            "INSERT INTO data_restores (run_id, target_id, project_id, backup_artifact_id,"
                + " backup_public_id, selection, include_added) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .setParameter(1, runId)
        .setParameter(2, targetId)
        .setParameter(3, projectId)
        .setParameter(4, backupArtifact)
        .setParameter(5, backupPublicId)
        .setParameter(6, selection)
        .setParameter(7, includeAdded)
        .executeUpdate();
  }

  @Transactional
  @SuppressWarnings("unchecked")
  Optional<Row> find(long runId) {
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT d.run_id, d.target_id, d.project_id, d.backup_public_id, a.external_id,"
                    + " d.selection, d.include_added, d.safety_run_id FROM data_restores d"
                    + " LEFT JOIN artifacts a ON a.id = d.backup_artifact_id"
                    + " AND a.status = 'COMPLETED' WHERE d.run_id = ?1")
            .setParameter(1, runId)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(
            r ->
                new Row(
                    ((Number) r[0]).longValue(),
                    ((Number) r[1]).longValue(),
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    bool(r[6]),
                    r[7] == null ? null : ((Number) r[7]).longValue()));
  }

  /** Links the safety backup run the restore made. */
  @Transactional
  void linkSafety(long runId, long safetyRunId) {
    em.createNativeQuery("UPDATE data_restores SET safety_run_id = ?2 WHERE run_id = ?1")
        .setParameter(1, runId)
        .setParameter(2, safetyRunId)
        .executeUpdate();
  }

  /** The public id of the backup a safety run made, if it made one. */
  @Transactional
  @SuppressWarnings("unchecked")
  Optional<String> safetyBackup(long safetyRunId) {
    List<String> ids =
        em.createNativeQuery("SELECT public_id FROM artifacts WHERE run_id = ?1 ORDER BY id")
            .setParameter(1, safetyRunId)
            .getResultList();
    return ids.stream().findFirst();
  }

  /** An attempt starts again: its error log and counts go. */
  @Transactional
  void reset(long runId) {
    em.createNativeQuery("DELETE FROM data_restore_errors WHERE run_id = ?1")
        .setParameter(1, runId)
        .executeUpdate();
    save(runId, new RestoreCounts());
  }

  /** Stores the counts. */
  @Transactional
  void save(long runId, RestoreCounts c) {
    em.createNativeQuery(
            "UPDATE data_restores SET updated = ?2, created = ?3, deleted = ?4, unchanged = ?5,"
                + " skipped = ?6, failed = ?7 WHERE run_id = ?1")
        .setParameter(1, runId)
        .setParameter(2, c.updated)
        .setParameter(3, c.created)
        .setParameter(4, c.deleted)
        .setParameter(5, c.unchanged)
        .setParameter(6, c.skipped)
        .setParameter(7, c.failed)
        .executeUpdate();
  }

  /** Appends refused objects to the error log, numbered after the ones there. */
  @Transactional
  void errors(long runId, List<ErrorRow> errors) {
    if (errors.isEmpty()) {
      return;
    }
    Number last =
        (Number)
            em.createNativeQuery("SELECT error_seq FROM data_restores WHERE run_id = ?1 FOR UPDATE")
                .setParameter(1, runId)
                .getSingleResult();
    long seq = last.longValue();
    for (ErrorRow e : errors) {
      seq++;
      em.createNativeQuery(
              "INSERT INTO data_restore_errors (run_id, seq, entity, object_id, action, status,"
                  + " message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, LEFT(?7, 1000))")
          .setParameter(1, runId)
          .setParameter(2, seq)
          .setParameter(3, e.entity())
          .setParameter(
              4, e.objectId().length() <= 512 ? e.objectId() : e.objectId().substring(0, 512))
          .setParameter(5, e.action())
          .setParameter(6, e.status())
          .setParameter(7, e.message())
          .executeUpdate();
    }
    em.createNativeQuery("UPDATE data_restores SET error_seq = ?2 WHERE run_id = ?1")
        .setParameter(1, runId)
        .setParameter(2, seq)
        .executeUpdate();
  }

  /** The restore whose run has this public id. */
  @Transactional
  @SuppressWarnings("unchecked")
  Optional<Summary> summary(String publicId) {
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT d.run_id, r.public_id, d.project_id, t.external_id, d.backup_public_id,"
                    + " d.selection, d.include_added, s.public_id,"
                    + " (SELECT a.public_id FROM artifacts a WHERE a.run_id = d.safety_run_id"
                    + " ORDER BY a.id LIMIT 1),"
                    + " r.state, r.reason_code, r.reason, r.created_at, r.finished_at,"
                    + " d.updated, d.created, d.deleted, d.unchanged, d.skipped, d.failed"
                    + " FROM data_restores d JOIN runs r ON r.id = d.run_id"
                    + " JOIN targets t ON t.id = d.target_id"
                    + " LEFT JOIN runs s ON s.id = d.safety_run_id WHERE r.public_id = ?1")
            .setParameter(1, publicId)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(
            r -> {
              long[] counts = new long[6];
              for (int i = 0; i < 6; i++) {
                counts[i] = ((Number) r[14 + i]).longValue();
              }
              return new Summary(
                  ((Number) r[0]).longValue(),
                  (String) r[1],
                  (String) r[2],
                  (String) r[3],
                  (String) r[4],
                  (String) r[5],
                  bool(r[6]),
                  (String) r[7],
                  (String) r[8],
                  (String) r[9],
                  (String) r[10],
                  (String) r[11],
                  instant(r[12]),
                  instant(r[13]),
                  counts);
            });
  }

  /** A page of the error log after error {@code afterSeq}. */
  @Transactional
  @SuppressWarnings("unchecked")
  List<ErrorRow> errorPage(long runId, long afterSeq, int limit) {
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT seq, entity, object_id, action, status, message FROM data_restore_errors"
                    + " WHERE run_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3")
            .setParameter(1, runId)
            .setParameter(2, afterSeq)
            .setParameter(3, limit)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new ErrorRow(
                    ((Number) r[0]).longValue(),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    ((Number) r[4]).intValue(),
                    (String) r[5]))
        .toList();
  }

  private static boolean bool(Object value) {
    return value instanceof Boolean b ? b : value instanceof Number n && n.intValue() != 0;
  }

  private static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof java.sql.Timestamp ts) {
      return ts.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
    }
    if (value instanceof java.time.LocalDateTime ldt) {
      return ldt.toInstant(java.time.ZoneOffset.UTC);
    }
    return (Instant) value;
  }
}
