package dev.trovekeeper.dataset;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A tenant-status webhook call from the tenants' platform.
 *
 * @param projectId the tenant's Keystone project
 * @param datasetId one dataset of it (its UUID); without it, every dataset of the project
 * @param status {@code inactive} or {@code active}
 * @param timestamp when the platform saw the change (ISO-8601), informational: the signed header
 *     timestamp is what counts against replays
 */
public record TenantStatusRequest(
    @Schema(required = true, description = "the tenant's Keystone project id") String projectId,
    @Schema(description = "one dataset of the project (UUID); without it every dataset")
        String datasetId,
    @Schema(
            required = true,
            enumeration = {"inactive", "active"})
        String status,
    @Schema(format = "date-time", description = "when the platform saw the change")
        String timestamp) {}
