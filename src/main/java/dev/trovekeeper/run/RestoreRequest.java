package dev.trovekeeper.run;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v1/instances/{instanceId}/backups/{backupId}/restore}; every field is
 * optional and defaults from the source instance.
 *
 * @param name the new instance's name; the run appends {@code -tk<run>} so that a retried request
 *     never makes a second instance (default: the source's name with {@code -restored})
 * @param flavorRef Nova flavor id (default: the source's)
 * @param volumeSize GB (default: the source's)
 */
public record RestoreRequest(
    @Schema(description = "the new instance's name (letters, digits, '.', '_', '-'; up to 100)")
        @Size(min = 1, max = RestoreNames.MAX_BASE)
        @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "letters, digits, '.', '_', '-'")
        String name,
    @Schema(description = "Nova flavor id; default: the source instance's")
        @Size(min = 1, max = 64)
        @Pattern(regexp = "[A-Za-z0-9._-]+", message = "a flavor id")
        String flavorRef,
    @Schema(description = "volume size in GB; default: the source instance's") @Min(1) @Max(16384)
        Integer volumeSize) {}
