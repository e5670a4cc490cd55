package dev.trovekeeper.run;

import dev.trovekeeper.policy.MissedRunPolicy;

/**
 * Pure: the missed-run policy for slots whose run could not start in time (Trove down, instance
 * busy) while later slots of the same target fired. Without it every queued slot would run once
 * Trove is back (4 backups within a minute after 2 minutes down). SKIP and RUN_ONCE keep only the
 * newest waiting slot; BACKFILL keeps the newest {@code backfillMax}.
 */
final class MissedSlots {

  private MissedSlots() {}

  /**
   * @param newerWaiting runs of later slots of the same target that have not posted a backup yet
   * @return true when this run should end SKIPPED instead of starting
   */
  static boolean superseded(MissedRunPolicy policy, Integer backfillMax, long newerWaiting) {
    if (newerWaiting == 0) {
      return false;
    }
    if (policy == MissedRunPolicy.BACKFILL) {
      return newerWaiting >= (backfillMax == null ? 1 : backfillMax);
    }
    return true;
  }
}
