package dev.trovekeeper.operator;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.trovekeeper.audit.AuditEntry;
import java.time.Instant;

/**
 * One audit log entry; {@code id} is its public id (a random UUID), {@code before} and {@code
 * after} are the JSON recorded with it.
 */
public record AdminAuditEntry(
    String id,
    Instant occurredAt,
    String actor,
    String actorProject,
    String action,
    String resourceType,
    String resourceId,
    String projectId,
    @JsonRawValue String before,
    @JsonRawValue String after,
    String requestId) {

  static AdminAuditEntry of(AuditEntry e) {
    return new AdminAuditEntry(
        e.publicId,
        e.occurredAt,
        e.actor,
        e.actorProject,
        e.action,
        e.resourceType,
        e.resourceId,
        e.projectId,
        e.beforeJson,
        e.afterJson,
        e.requestId);
  }
}
