package dev.trovekeeper.diff;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The tables of diffs ({@code diffs}, {@code diff_entities}, {@code diff_changes}, V150). Changes
 * are written in JDBC batches outside any JTA transaction while the run goes on, so the database,
 * not the heap, holds them; readers page through them by their number.
 */
@ApplicationScoped
public class DiffStore {

  private final EntityManager em;
  private final DataSource dataSource;
  private final DiffConfig config;

  DiffStore(EntityManager em, DataSource dataSource, DiffConfig config) {
    this.em = em;
    this.dataSource = dataSource;
    this.config = config;
  }

  /**
   * A diff as stored, with the backups it compares.
   *
   * @param runId its run
   * @param targetId the dataset's target
   * @param projectId the dataset's project
   * @param baseBackupId the base backup's public id
   * @param baseArchiveId the base backup's archive id (its external id)
   * @param otherBackupId the other backup's public id; null: the live data
   * @param otherArchiveId the other backup's archive id; null: the live data
   */
  record DiffRow(
      long runId,
      long targetId,
      String projectId,
      String baseBackupId,
      String baseArchiveId,
      String otherBackupId,
      String otherArchiveId) {}

  /** One stored change. */
  record ChangeRow(long seq, String entity, String objectId, ChangeKind kind, String patch) {}

  /** The counts of one entity. */
  record EntityRow(String entity, long added, long changed, long removed, long unchanged) {}

  /** Records a diff of the run; joins the caller's transaction (the run is created in it). */
  @Transactional(Transactional.TxType.MANDATORY)
  void create(long runId, long targetId, String projectId, long baseArtifact, Long otherArtifact) {
    em.createNativeQuery(
            "INSERT INTO diffs (run_id, target_id, project_id, base_artifact_id,"
                + " other_artifact_id) VALUES (?1, ?2, ?3, ?4, ?5)")
        .setParameter(1, runId)
        .setParameter(2, targetId)
        .setParameter(3, projectId)
        .setParameter(4, baseArtifact)
        .setParameter(5, otherArtifact)
        .executeUpdate();
  }

  /** The diff of this run, with its backups' ids. */
  @Transactional
  @SuppressWarnings("unchecked")
  Optional<DiffRow> find(long runId) {
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT d.run_id, d.target_id, d.project_id, b.public_id, b.external_id,"
                    + " o.public_id, o.external_id FROM diffs d"
                    + " JOIN artifacts b ON b.id = d.base_artifact_id"
                    + " LEFT JOIN artifacts o ON o.id = d.other_artifact_id WHERE d.run_id = ?1")
            .setParameter(1, runId)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(
            r ->
                new DiffRow(
                    ((Number) r[0]).longValue(),
                    ((Number) r[1]).longValue(),
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    (String) r[6]));
  }

  /**
   * A diff as a tenant sees it, by its public id (its run's).
   *
   * @param runId its run (internal)
   * @param projectId the dataset's project
   * @param datasetId the dataset's public id
   */
  record Summary(
      long runId,
      String publicId,
      String projectId,
      String datasetId,
      String baseBackupId,
      String otherBackupId,
      String state,
      String reasonCode,
      java.time.Instant createdAt,
      java.time.Instant finishedAt) {}

  /** The diff whose run has this public id. */
  @Transactional
  @SuppressWarnings("unchecked")
  Optional<Summary> summary(String publicId) {
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT r.id, r.public_id, d.project_id, t.external_id, b.public_id, o.public_id,"
                    + " r.state, r.reason_code, r.created_at, r.finished_at"
                    + " FROM runs r JOIN diffs d ON d.run_id = r.id"
                    + " JOIN targets t ON t.id = d.target_id"
                    + " JOIN artifacts b ON b.id = d.base_artifact_id"
                    + " LEFT JOIN artifacts o ON o.id = d.other_artifact_id"
                    + " WHERE r.public_id = ?1")
            .setParameter(1, publicId)
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(
            r ->
                new Summary(
                    ((Number) r[0]).longValue(),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    (String) r[6],
                    (String) r[7],
                    instant(r[8]),
                    instant(r[9])));
  }

  private static java.time.Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
    }
    if (value instanceof java.time.LocalDateTime t) {
      return t.toInstant(java.time.ZoneOffset.UTC);
    }
    return (java.time.Instant) value;
  }

  /** Deletes what an earlier attempt of the run wrote (changes and counts). */
  void clear(long runId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement changes =
            c.prepareStatement("DELETE FROM diff_changes WHERE run_id = ?");
        PreparedStatement entities =
            c.prepareStatement("DELETE FROM diff_entities WHERE run_id = ?")) {
      changes.setLong(1, runId);
      changes.executeUpdate();
      entities.setLong(1, runId);
      entities.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("clearing diff " + runId + " failed", e);
    }
  }

  /** Writes the counts per entity, in comparison order. */
  void counts(long runId, Map<String, DiffMerge.Counts> counts) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO diff_entities (run_id, position, entity, added, changed, removed,"
                    + " unchanged) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int position = 0;
      for (var e : counts.entrySet()) {
        insert.setLong(1, runId);
        insert.setInt(2, position++);
        insert.setString(3, e.getKey());
        insert.setLong(4, e.getValue().added);
        insert.setLong(5, e.getValue().changed);
        insert.setLong(6, e.getValue().removed);
        insert.setLong(7, e.getValue().unchanged);
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("writing the counts of diff " + runId + " failed", e);
    }
  }

  /** A sink writing the run's changes in batches; {@link Writer#close} writes the last one. */
  Writer writer(long runId) {
    return new Writer(runId);
  }

  /** The counts per entity of a finished diff, in comparison order. */
  @Transactional
  @SuppressWarnings("unchecked")
  List<EntityRow> entities(long runId) {
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT entity, added, changed, removed, unchanged FROM diff_entities"
                    + " WHERE run_id = ?1 ORDER BY position")
            .setParameter(1, runId)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new EntityRow(
                    (String) r[0],
                    ((Number) r[1]).longValue(),
                    ((Number) r[2]).longValue(),
                    ((Number) r[3]).longValue(),
                    ((Number) r[4]).longValue()))
        .toList();
  }

  /** Up to {@code limit} changes after number {@code afterSeq}, filtered when given. */
  @Transactional
  @SuppressWarnings("unchecked")
  List<ChangeRow> changes(long runId, String entity, ChangeKind kind, long afterSeq, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT seq, entity, object_id, kind, patch FROM diff_changes"
                + " WHERE run_id = :run AND seq > :after");
    if (entity != null) {
      sql.append(" AND entity = :entity");
    }
    if (kind != null) {
      sql.append(" AND kind = :kind");
    }
    sql.append(" ORDER BY seq LIMIT :limit");
    var query =
        em.createNativeQuery(sql.toString())
            .setParameter("run", runId)
            .setParameter("after", afterSeq)
            .setParameter("limit", limit);
    if (entity != null) {
      query.setParameter("entity", entity);
    }
    if (kind != null) {
      query.setParameter("kind", kind.name());
    }
    List<Object[]> rows = query.getResultList();
    List<ChangeRow> out = new ArrayList<>();
    for (Object[] r : rows) {
      out.add(
          new ChangeRow(
              ((Number) r[0]).longValue(),
              (String) r[1],
              (String) r[2],
              ChangeKind.valueOf((String) r[3]),
              (String) r[4]));
    }
    return out;
  }

  /** Writes changes in batches of {@code keeper.diff.insert-batch}, numbered 1, 2, ... */
  final class Writer implements ChangeSink, AutoCloseable {
    private final long runId;
    private final List<Object[]> pending = new ArrayList<>();
    private long seq;

    private Writer(long runId) {
      this.runId = runId;
    }

    @Override
    public void change(String entity, String id, ChangeKind kind, JsonNode patch) {
      String objectId = id.length() <= 512 ? id : id.substring(0, 512);
      pending.add(
          new Object[] {
            ++seq, entity, objectId, kind.name(), patch == null ? null : patch.toString()
          });
      if (pending.size() >= config.insertBatch()) {
        flush();
      }
    }

    void flush() {
      if (pending.isEmpty()) {
        return;
      }
      try (Connection c = dataSource.getConnection();
          PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO diff_changes (run_id, seq, entity, kind, object_id, patch)"
                      + " VALUES (?, ?, ?, ?, ?, ?)")) {
        for (Object[] row : pending) {
          insert.setLong(1, runId);
          insert.setLong(2, (Long) row[0]);
          insert.setString(3, (String) row[1]);
          insert.setString(4, (String) row[3]);
          insert.setString(5, (String) row[2]);
          insert.setString(6, (String) row[4]);
          insert.addBatch();
        }
        insert.executeBatch();
      } catch (SQLException e) {
        throw new IllegalStateException("writing the changes of diff " + runId + " failed", e);
      }
      pending.clear();
    }

    @Override
    public void close() {
      flush();
    }
  }
}
