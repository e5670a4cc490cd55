package dev.trovekeeper.policy;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;

/**
 * A stored policy as the API shows it (tenant and operator; also the before/after of its audit
 * entries): where it applies, then its fields, flat, as {@link PolicySpec} names them.
 */
public record PolicyResponse(
    PolicyScope scope,
    String projectId,
    String instanceId,
    @JsonUnwrapped PolicySpec fields,
    Instant createdAt,
    Instant updatedAt) {

  /** The audit resource id: the policy's scope, by the ids the API shows (never internal keys). */
  String scopeKey() {
    return switch (scope) {
      case GLOBAL -> PolicyRepository.globalKey();
      case PROJECT -> PolicyRepository.projectKey(projectId);
      case TARGET -> "INSTANCE:" + instanceId;
    };
  }

  /** A global or project policy. */
  public static PolicyResponse of(Policy p) {
    return of(p, null);
  }

  /** A policy; {@code instanceId} is the Trove id of the instance an override applies to. */
  public static PolicyResponse of(Policy p, String instanceId) {
    return new PolicyResponse(
        p.scope, p.projectId, instanceId, PolicySpec.of(p), p.createdAt, p.updatedAt);
  }
}
