package dev.trovekeeper.policy;

import java.util.Map;

/**
 * The effective policy of one target, merged field by field from its scopes, and where each value
 * came from.
 *
 * @param policy the merged values, with the id, scope and name of the narrowest policy; a detached
 *     object, never to be persisted
 * @param sources for each field of {@link PolicySpec} (by its JSON name), the scope it came from
 */
public record ResolvedPolicy(Policy policy, Map<String, ValueScope> sources) {

  /** The merged values as the API shows them, in the shape of a policy request. */
  public PolicySpec values() {
    return PolicySpec.of(policy);
  }
}
