package dev.trovekeeper.demo;

import java.util.ArrayList;
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
  private long seq;

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

  /** Every instance ever created, deleted ones included. */
  synchronized List<Instance> allInstances() {
    return new ArrayList<>(instances.values());
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

  /** Removes the backup and gives its quota unit back. */
  synchronized void remove(Backup backup) {
    backups.remove(backup.id);
    releaseUnit(backup.projectId);
  }

  /** Removes the backup whose quota unit was already given back. */
  synchronized void forget(Backup backup) {
    backups.remove(backup.id);
  }

  /** Gives one backup quota unit back (also when the delete ends DELETE_FAILED). */
  synchronized void releaseUnit(String projectId) {
    backupUsage.merge(projectId, -1, (a, b) -> Math.max(0, a + b));
  }

  synchronized int backupUsage(String projectId) {
    return backupUsage.getOrDefault(projectId, 0);
  }

  /** Sets one project's backup quota (Trove's per-project quota override). */
  synchronized void setBackupQuota(String projectId, int quota) {
    backupQuotas.put(projectId, quota);
  }

  /** The project's backup quota, else the region's default. */
  synchronized int backupQuota(String projectId, int regionDefault) {
    return backupQuotas.getOrDefault(projectId, regionDefault);
  }

  /** Sets how long the project's deleted backups stay listed after a DELETE (202). */
  synchronized void backupDeleteDelay(String projectId, java.time.Duration delay) {
    backupDeleteDelays.put(projectId, delay);
  }

  /** How long a deleted backup of the project stays listed; zero: gone at once. */
  synchronized java.time.Duration backupDeleteDelay(String projectId) {
    return backupDeleteDelays.getOrDefault(projectId, java.time.Duration.ZERO);
  }
}
