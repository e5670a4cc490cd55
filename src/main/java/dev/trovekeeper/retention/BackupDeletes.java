package dev.trovekeeper.retention;

import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import java.util.List;

/**
 * Carries out the deletes retention (or the owner) decided, for one kind of target: moves a
 * target's DELETING backups towards DELETED where they are stored ({@link TroveDeletes} through the
 * Trove API, {@link ArchiveDeletes} in the object store). Every step is safe to repeat: a pass that
 * crashed half-way is finished by the next one. The caller holds the target's claim.
 */
interface BackupDeletes {

  /** What one pass did: deletes accepted (quota given back) and backups confirmed gone. */
  record Pass(int accepted, List<String> deleted) {
    static final Pass NONE = new Pass(0, List.of());
  }

  /** The kind of target whose backups this deletes. */
  TargetKind kind();

  /** Deletes (or checks) what of {@code target} is DELETING now. */
  Pass progress(Target target);
}
