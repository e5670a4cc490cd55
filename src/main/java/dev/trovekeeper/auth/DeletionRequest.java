package dev.trovekeeper.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v1/deletions}: the backups to delete, by the {@code id} the backup listing
 * shows (a UUID).
 */
public record DeletionRequest(
    @Schema(
            description =
                "the backups' ids (UUIDs) as GET /v1/instances/{instanceId}/backups shows them")
        @NotNull
        @Size(min = 1, max = DeletionRequest.MAX_IDS)
        List<@NotNull @Pattern(regexp = UUID, message = "must be a backup id (a UUID)") String>
            artifactIds) {

  /** A backup's public id: a lower-case UUID as the API writes it. */
  static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  /** Fits the confirmation row's column (comma-separated ids, 37 characters each). */
  static final int MAX_IDS = 100;
}
