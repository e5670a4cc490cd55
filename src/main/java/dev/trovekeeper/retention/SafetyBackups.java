package dev.trovekeeper.retention;

import dev.trovekeeper.run.ArtifactOrigin;
import java.time.Instant;

/**
 * The one rule retention adds for restores of tenant data: the safety backup a restore took first
 * (origin BEFORE_RESTORE) stays while it is younger than {@code
 * keeper.retention.before-restore-keep} (as long as the restore's log), whatever the policy's rules
 * say. Pure.
 */
final class SafetyBackups {

  private SafetyBackups() {}

  /** Whether a backup of {@code origin} created at {@code createdAt} must stay. */
  static boolean kept(ArtifactOrigin origin, Instant createdAt, Instant cutoff) {
    return origin == ArtifactOrigin.BEFORE_RESTORE
        && createdAt != null
        && createdAt.isAfter(cutoff);
  }
}
