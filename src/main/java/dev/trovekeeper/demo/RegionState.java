package dev.trovekeeper.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trove's data: instances (deleted ones kept as tombstones for the mgmt list), backups and the
 * backup quota counter per project. Compound changes synchronize on this object.
 */
final class RegionState {

  private final Map<String, Instance> instances = new LinkedHashMap<>();
  private final Map<String, Backup> backups = new LinkedHashMap<>();
  private final Map<String, Integer> backupUsage = new HashMap<>();
  private final Map<String, Integer> backupQuotas = new HashMap<>();
  private final Map<String, java.time.Duration> backupDeleteDelays = new HashMap<>();
  private final Map<String, java.time.Duration> backupBuildDelays = new HashMap<>();
  private long seq;
  private volatile int mgmtPageSize;

  synchronized void add(Instance instance) {
    instances.put(instance.id, instance);
  }

  synchronized void add(Backup backup) {
    backups.put(backup.id, backup);
    backupUsage.merge(backup.projectId, 1, Integer::sum);
  }

  synchronized long nextSeq() {
    return ++seq;
  }

  /** A live (not deleted) instance of the project. */
  synchronized Optional<Instance> instance(String projectId, String id) {
    return Optional.ofNullable(instances.get(id))
        .filter(i -> i.projectId.equals(projectId) && !i.deleted());
  }

  /** Live instances of the project (all projects when null), oldest first. */
  synchronized List<Instance> instances(String projectId) {
    return instances.values().stream()
        .filter(i -> !i.deleted() && (projectId == null || i.projectId.equals(projectId)))
        .toList();
  }

  /**
   * Live instances of the project as {@code GET /instances} lists them: newest first, cluster
   * members only when {@code includeClustered} (Trove's {@code ?include_clustered=true}).
   */
  synchronized List<Instance> listed(String projectId, boolean includeClustered) {
    var list = new ArrayList<>(instances(projectId));
    list.removeIf(i -> i.clusterId != null && !includeClustered);
    Collections.reverse(list);
    return list;
  }

  /**
   * Page size of {@code mgmt/instances}, as a Trove that pages its admin listing would use; 0 (the
   * default, as Trove 18): one answer for the whole fleet.
   */
  int mgmtPageSize() {
    return mgmtPageSize;
  }

  void setMgmtPageSize(int size) {
    mgmtPageSize = Math.max(0, size);
  }

  /** Every instance ever created, deleted ones included, newest first. */
  synchronized List<Instance> allInstances() {
    var list = new ArrayList<>(instances.values());
    Collections.reverse(list);
    return list;
  }

  /** Drops an instance without a trace, as if Trove's database lost it (tests). */
  synchronized boolean forget(String projectId, String id) {
    var i = instances.get(id);
    if (i == null || !i.projectId.equals(projectId)) {
      return false;
    }
    instances.remove(id);
    return true;
  }

  synchronized Optional<Backup> backup(String projectId, String id) {
    return Optional.ofNullable(backups.get(id)).filter(b -> b.projectId.equals(projectId));
  }

  /** Backups of the project, newest first. */
  synchronized List<Backup> backups(String projectId) {
    return backups.values().stream()
        .filter(b -> b.projectId.equals(projectId))
        .sorted(Comparator.comparingLong((Backup b) -> b.seq).reversed())
        .toList();
  }

  /** Removes the backup (its quota unit came back when its delete was accepted). */
  synchronized void remove(Backup backup) {
    backups.remove(backup.id);
  }

  /** Gives one backup quota unit back (also when the delete ends DELETE_FAILED). */
  synchronized void releaseUnit(String projectId) {
    backupUsage.merge(projectId, -1, (a, b) -> Math.max(0, a + b));
  }

  synchronized int backupUsage(String projectId) {
    return backupUsage.getOrDefault(projectId, 0);
  }

  /** The project's backup quota: its own if set, else {@code fallback} (the region default). */
  synchronized int backupQuota(String projectId, int fallback) {
    return backupQuotas.getOrDefault(projectId, fallback);
  }

  /** Sets (or, with null, clears) a project's own backup quota. */
  synchronized void setBackupQuota(String projectId, Integer quota) {
    if (quota == null) {
      backupQuotas.remove(projectId);
    } else {
      backupQuotas.put(projectId, quota);
    }
  }

  /** The project's delete delay: its own if set, else {@code fallback} (the region default). */
  synchronized java.time.Duration backupDeleteDelay(String projectId, java.time.Duration fallback) {
    return backupDeleteDelays.getOrDefault(projectId, fallback);
  }

  /** Sets (or, with null, clears) how long a project's deleted backups stay listed. */
  synchronized void setBackupDeleteDelay(String projectId, java.time.Duration delay) {
    if (delay == null) {
      backupDeleteDelays.remove(projectId);
    } else {
      backupDeleteDelays.put(projectId, delay);
    }
  }

  /** The project's build delay: its own if set, else {@code fallback} (the region default). */
  synchronized java.time.Duration backupBuildDelay(String projectId, java.time.Duration fallback) {
    return backupBuildDelays.getOrDefault(projectId, fallback);
  }

  /** Sets (or, with null, clears) how long a project's backups stay BUILDING. */
  synchronized void setBackupBuildDelay(String projectId, java.time.Duration delay) {
    if (delay == null) {
      backupBuildDelays.remove(projectId);
    } else {
      backupBuildDelays.put(projectId, delay);
    }
  }
}
