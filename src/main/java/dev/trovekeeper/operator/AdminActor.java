package dev.trovekeeper.operator;

/**
 * The operator behind an admin request, as the audit log records it.
 *
 * @param userId Keystone user id
 * @param projectId the project the operator's token is scoped to
 * @param requestId the request's {@code X-Request-Id}
 */
public record AdminActor(String userId, String projectId, String requestId) {}
