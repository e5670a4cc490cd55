package dev.trovekeeper.datarestore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ids a dataset's source gave objects that restores re-created when it would not keep theirs
 * ({@code restored_ids}, V220), kept across restores: a backup taken before such a re-creation
 * names the object by its old id, and a later restore of it reads the backup through this map (the
 * object's id and the references to it), so it finds the object where it now lives instead of
 * creating it once more.
 */
@ApplicationScoped
class RestoredIds {

  private final EntityManager em;
  private final Clock clock;

  RestoredIds(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  /** The re-creations of the dataset {@code targetId} since {@code after} (a backup's start). */
  @Transactional
  Known since(long targetId, Instant after) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT entity, backup_id, live_id FROM restored_ids"
                    + " WHERE target_id = ?1 AND created_at > ?2")
            .setParameter(1, targetId)
            .setParameter(2, Timestamp.from(after))
            .getResultList();
    Known known = new Known();
    for (Object[] row : rows) {
      known.add((String) row[0], (String) row[1], (String) row[2]);
    }
    return known;
  }

  /** The source gave the object {@code backupId} of {@code entity} the id {@code liveId}. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  void record(long targetId, String entity, String backupId, String liveId) {
    em.createNativeQuery(
            "INSERT INTO restored_ids (target_id, entity, backup_id, live_id, created_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5)"
                + " ON DUPLICATE KEY UPDATE live_id = VALUES(live_id),"
                + " created_at = VALUES(created_at)")
        .setParameter(1, targetId)
        .setParameter(2, entity)
        .setParameter(3, backupId)
        .setParameter(4, liveId)
        .setParameter(5, Timestamp.from(clock.instant()))
        .executeUpdate();
  }

  /** Earlier re-creations as one restore uses them: backup id -> live id, and back. */
  static final class Known {
    private final Map<String, Map<String, String>> live = new HashMap<>();
    private final Map<String, Map<String, String>> backup = new HashMap<>();

    void add(String entity, String backupId, String liveId) {
      live.computeIfAbsent(entity, e -> new HashMap<>()).put(backupId, liveId);
      backup.computeIfAbsent(entity, e -> new HashMap<>()).put(liveId, backupId);
    }

    boolean isEmpty() {
      return live.isEmpty();
    }

    /** The id the backups taken before name the object {@code liveId} by (itself when none). */
    String backupId(String entity, String liveId) {
      return backup.getOrDefault(entity, Map.of()).getOrDefault(liveId, liveId);
    }

    /** Each re-creation, as a rename of {@code ids}. */
    void into(IdRewriter ids) {
      live.forEach((entity, map) -> map.forEach((from, to) -> ids.renamed(entity, from, to)));
    }
  }
}
