package dev.trovekeeper.retention;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The verdict on each backup while a decision is made; a backup is kept or deleted, not both. */
final class Verdicts {

  private final Map<String, Set<KeepReason>> kept = new HashMap<>();
  private final Map<String, DeleteReason> deleted = new HashMap<>();

  /** Keeps {@code id} for {@code reason}, overruling an earlier delete. */
  void keep(String id, KeepReason reason) {
    deleted.remove(id);
    kept.computeIfAbsent(id, k -> EnumSet.noneOf(KeepReason.class)).add(reason);
  }

  /** Deletes {@code id}; only called for a backup not kept so far. */
  void delete(String id, DeleteReason reason) {
    deleted.put(id, reason);
  }

  boolean isKept(String id) {
    return kept.containsKey(id);
  }

  /**
   * The decision, in the order of {@code oldestFirst}. A backup below a deleted ancestor is deleted
   * with it, by cascade from the topmost deleted ancestor: with its own delete reason if it had
   * one, {@link DeleteReason#PARENT_DELETED} if it was kept.
   */
  RetentionDecision toDecision(List<BackupRecord> oldestFirst, Chains chains) {
    List<Kept> keep = new ArrayList<>();
    List<Deletion> delete = new ArrayList<>();
    for (BackupRecord backup : oldestFirst) {
      String id = backup.id();
      String root = topmostDeleted(chains.ancestors(backup));
      if (root != null) {
        delete.add(new Deletion(id, deleted.getOrDefault(id, DeleteReason.PARENT_DELETED), root));
      } else if (deleted.containsKey(id)) {
        delete.add(new Deletion(id, deleted.get(id), null));
      } else {
        keep.add(new Kept(id, kept.get(id)));
      }
    }
    return new RetentionDecision(keep, delete);
  }

  private String topmostDeleted(List<String> ancestorsParentFirst) {
    String root = null;
    for (String ancestor : ancestorsParentFirst) {
      if (deleted.containsKey(ancestor)) {
        root = ancestor;
      }
    }
    return root;
  }
}
