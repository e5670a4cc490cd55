package dev.trovekeeper.retention;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Pure: which backups of one target may go, beyond its retention rules, when the project is at its
 * Trove backup quota. FAILED backups (whatever their grace), and COMPLETED backups that are neither
 * the newest COMPLETED one nor the parent of a live backup (so no chain is broken and no full that
 * live incrementals need is deleted). RUNNING and DELETE_FAILED backups never.
 */
public final class QuotaRoom {

  private QuotaRoom() {}

  /** The candidates, oldest first. */
  public static List<BackupRecord> candidates(List<BackupRecord> backups) {
    Set<String> parentsOfLive = new HashSet<>();
    BackupRecord newest = null;
    for (BackupRecord b : backups) {
      if (b.parentId() != null && b.state() != BackupState.FAILED) {
        parentsOfLive.add(b.parentId());
      }
      if (b.state() == BackupState.COMPLETED && (newest == null || newer(b, newest))) {
        newest = b;
      }
    }
    List<BackupRecord> candidates = new ArrayList<>();
    for (BackupRecord b : backups) {
      boolean leaf = !parentsOfLive.contains(b.id());
      boolean failed = b.state() == BackupState.FAILED;
      if (leaf && (failed || (b.state() == BackupState.COMPLETED && b != newest))) {
        candidates.add(b);
      }
    }
    candidates.sort(Comparator.comparing(BackupRecord::createdAt).thenComparing(BackupRecord::id));
    return candidates;
  }

  private static boolean newer(BackupRecord a, BackupRecord b) {
    int byTime = a.createdAt().compareTo(b.createdAt());
    return byTime > 0 || (byTime == 0 && a.id().compareTo(b.id()) > 0);
  }
}
