package dev.trovekeeper.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import java.time.Instant;

/**
 * A stored policy as the API shows it (tenant and operator; also the before/after of its audit
 * entries): where it applies, then its fields, flat, as {@link PolicySpec} names them.
 *
 * @param instanceId the Trove instance an instance override applies to
 * @param datasetId the dataset a dataset override applies to (absent otherwise)
 */
public record PolicyResponse(
    PolicyScope scope,
    String projectId,
    String instanceId,
    @JsonInclude(JsonInclude.Include.NON_NULL) String datasetId,
    @JsonUnwrapped PolicySpec fields,
    Instant createdAt,
    Instant updatedAt) {

  /** The audit resource id: the policy's scope, by the ids the API shows (never internal keys). */
  String scopeKey() {
    return switch (scope) {
      case GLOBAL -> PolicyRepository.globalKey();
      case PROJECT -> PolicyRepository.projectKey(projectId);
      case TARGET -> datasetId != null ? "DATASET:" + datasetId : "INSTANCE:" + instanceId;
    };
  }

  /** A global or project policy. */
  public static PolicyResponse of(Policy p) {
    return of(p, (String) null);
  }

  /** A policy; {@code instanceId} is the Trove id of the instance an override applies to. */
  public static PolicyResponse of(Policy p, String instanceId) {
    return new PolicyResponse(
        p.scope, p.projectId, instanceId, null, PolicySpec.of(p), p.createdAt, p.updatedAt);
  }

  /** The override of a target: named by its instance id or its dataset id, by kind. */
  public static PolicyResponse of(Policy p, Target target) {
    boolean dataset = target.kind == TargetKind.DATASET;
    return new PolicyResponse(
        p.scope,
        p.projectId,
        dataset ? null : target.externalId,
        dataset ? target.externalId : null,
        PolicySpec.of(p),
        p.createdAt,
        p.updatedAt);
  }
}
