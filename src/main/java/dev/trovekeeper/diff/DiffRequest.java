package dev.trovekeeper.diff;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v1/datasets/{datasetId}/diffs}.
 *
 * @param backupId the base: a COMPLETED backup of the dataset (its id in the backup list)
 * @param otherBackupId another COMPLETED backup of the same dataset to compare the base with;
 *     absent: the live data
 */
public record DiffRequest(
    @Schema(description = "the backup compared (its id, a UUID, from the dataset's backup list)")
        @NotNull
        @Pattern(regexp = UUID, message = "a backup id (a UUID)")
        String backupId,
    @Schema(
            description =
                "another backup of the same dataset (a UUID); absent: the live data is compared")
        @Pattern(regexp = UUID, message = "a backup id (a UUID)")
        String otherBackupId) {

  static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
}
