package dev.trovekeeper.policy;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * A stored policy as the API shows it (tenant and operator; also the before/after of its audit
 * entries): where it applies, then its fields, flat, as {@link PolicySpec} names them.
 */
public record PolicyResponse(
    long id,
    PolicyScope scope,
    String projectId,
    Long targetId,
    @JsonUnwrapped PolicySpec fields,
    Instant createdAt,
    Instant updatedAt) {

  /** The audit resource id: the policy's scope key. */
  String scopeKey() {
    return switch (scope) {
      case GLOBAL -> PolicyRepository.globalKey();
      case PROJECT -> PolicyRepository.projectKey(projectId);
      case TARGET -> PolicyRepository.targetKey(targetId);
    };
  }

  public static PolicyResponse of(Policy p) {
    return new PolicyResponse(
        p.id, p.scope, p.projectId, p.targetId, PolicySpec.of(p), p.createdAt, p.updatedAt);
  }
}
