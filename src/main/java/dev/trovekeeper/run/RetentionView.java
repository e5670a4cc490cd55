package dev.trovekeeper.run;

import java.util.List;

/**
 * What retention does with one backup, as tenants see it in the backup listing.
 *
 * @param verdict {@code KEPT}, {@code WILL_BE_PRUNED}, {@code DELETING} or {@code DELETED}
 * @param reasons why: e.g. {@code KEEP_LAST}, {@code DAILY}, {@code PARENT_OF_KEPT} (needed by a
 *     live incremental chain), {@code NEWEST_COMPLETED}; for WILL_BE_PRUNED the rule that lets it
 *     go
 */
public record RetentionView(String verdict, List<String> reasons) {

  /** Answers what retention does with a target's backups; implemented by the retention feature. */
  public interface Source {

    /** Each live backup's view by Trove backup id; backups not listed have none to show. */
    java.util.Map<String, RetentionView> of(long targetId);
  }
}
