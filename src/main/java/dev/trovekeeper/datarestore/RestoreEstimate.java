package dev.trovekeeper.datarestore;

import java.util.List;

/**
 * What a restore would cost, before confirming it (nothing read from the source, nothing written):
 * the calls to the source per entity and in total, and the time they take under the source's rate
 * limit. Writes are an upper bound (every selected object differing from the backup).
 *
 * @param backupId the backup
 * @param sourceKind REST or SQL
 * @param entities per entity of the backup
 * @param totalCalls every call: the safety backup's and the comparison's reads plus the writes
 * @param requestsPerWindow the source's shared limit (REST), else null
 * @param windowSeconds its window, else null
 * @param etaSeconds the calls' duration at that limit (REST), else null: SQL has no limit
 */
public record RestoreEstimate(
    String backupId,
    String sourceKind,
    List<EntityEstimate> entities,
    long totalCalls,
    Integer requestsPerWindow,
    Double windowSeconds,
    Long etaSeconds) {

  /**
   * @param entity the entity
   * @param objects the backup's objects of it
   * @param selected how many of them the selection covers
   * @param readCalls reads of the live data (safety backup and comparison)
   * @param maxWriteCalls writes at most (one per selected object)
   */
  public record EntityEstimate(
      String entity, long objects, long selected, long readCalls, long maxWriteCalls) {}
}
