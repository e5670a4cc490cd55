package dev.trovekeeper.run;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Names of the Trove backups a run posts: {@code tk-<runId>} for its first attempt, {@code
 * tk-<runId>-<attempt>} for later ones, so that each POST is unique and a run can tell its own
 * backups from any other in the instance's list.
 */
final class BackupNames {

  private static final Pattern NAME = Pattern.compile("tk-(\\d+)(?:-(\\d+))?");

  /** Trove statuses of a backup that will never complete. */
  private static final Set<String> ENDED = Set.of("FAILED", "DELETE_FAILED", "DELETED");

  private BackupNames() {}

  /** The name of attempt {@code attempt} (1-based) of run {@code runId}. */
  static String of(long runId, int attempt) {
    return "tk-" + runId + (attempt > 1 ? "-" + attempt : "");
  }

  /** Whether {@code name} is one a run with id {@code runId} posts under (any attempt). */
  static boolean ofRun(long runId, String name) {
    if (name == null) {
      return false;
    }
    var m = NAME.matcher(name);
    return m.matches() && m.group(1).equals(Long.toString(runId));
  }

  /** Whether a backup with this Trove status can no longer become a good backup. */
  static boolean ended(String status) {
    return ENDED.contains(status);
  }
}
