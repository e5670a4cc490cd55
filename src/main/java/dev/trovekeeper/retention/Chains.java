package dev.trovekeeper.retention;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The incremental chains among one target's backups. A parent id that is not among them (already
 * deleted) ends the chain there: that backup is an orphan and counts as a full.
 */
final class Chains {

  private final Map<String, BackupRecord> byId;

  private Chains(Map<String, BackupRecord> byId) {
    this.byId = byId;
  }

  /**
   * Indexes {@code backups}.
   *
   * @throws IllegalArgumentException on a duplicate id or a cycle of parents
   */
  static Chains of(List<BackupRecord> backups) {
    Map<String, BackupRecord> byId = new HashMap<>();
    for (BackupRecord backup : backups) {
      if (byId.putIfAbsent(backup.id(), backup) != null) {
        throw new IllegalArgumentException("duplicate backup id " + backup.id());
      }
    }
    Chains chains = new Chains(byId);
    backups.forEach(chains::ancestors);
    return chains;
  }

  /** The ids of the ancestors of {@code backup} that are present, parent first, root last. */
  List<String> ancestors(BackupRecord backup) {
    List<String> ancestors = new ArrayList<>();
    Set<String> seen = new HashSet<>(Set.of(backup.id()));
    BackupRecord parent = parentOf(backup);
    while (parent != null) {
      if (!seen.add(parent.id())) {
        throw new IllegalArgumentException("cycle of parents at backup " + parent.id());
      }
      ancestors.add(parent.id());
      parent = parentOf(parent);
    }
    return ancestors;
  }

  private BackupRecord parentOf(BackupRecord backup) {
    return backup.parentId() == null ? null : byId.get(backup.parentId());
  }
}
