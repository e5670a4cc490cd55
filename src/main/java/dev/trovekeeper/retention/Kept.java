package dev.trovekeeper.retention;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A backup that stays.
 *
 * @param id the backup id
 * @param reasons every reason that keeps it, in {@link KeepReason} order; never empty
 */
public record Kept(String id, Set<KeepReason> reasons) {

  /** Copies {@code reasons} into an unmodifiable set iterated in {@link KeepReason} order. */
  public Kept {
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("a kept backup needs a reason: " + id);
    }
    reasons = Collections.unmodifiableSet(EnumSet.copyOf(reasons));
  }
}
