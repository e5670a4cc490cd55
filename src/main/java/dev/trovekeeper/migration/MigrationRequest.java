package dev.trovekeeper.migration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v1/datasets/{datasetId}/migrations} and {@code .../migrations/plan}.
 *
 * @param backupId the backup of the dataset in the path to migrate (its id, a UUID, as the
 *     dataset's backup list shows it)
 * @param targetDatasetId the dataset of the same project and database (or REST API) whose tenant
 *     receives the rows (a UUID)
 */
public record MigrationRequest(
    @Schema(description = "the backup's id (a UUID) from GET /v1/datasets/{datasetId}/backups")
        @NotNull
        @Pattern(regexp = UUID, message = "must be a UUID")
        String backupId,
    @Schema(
            description =
                "the target dataset's id (a UUID): same project; SQL: same database and tables,"
                    + " another tenant value; REST: same entities, another base URL")
        @NotNull
        @Pattern(regexp = UUID, message = "must be a UUID")
        String targetDatasetId) {

  static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
}
