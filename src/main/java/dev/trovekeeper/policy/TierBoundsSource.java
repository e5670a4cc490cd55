package dev.trovekeeper.policy;

import java.util.Optional;

/** Port: the bounds of the tier a project is on, if it is on one (implemented by the operator). */
public interface TierBoundsSource {

  /** The bounds tenant policies of {@code projectId} must stay within; empty: unbounded. */
  Optional<TierBounds> boundsFor(String projectId);
}
