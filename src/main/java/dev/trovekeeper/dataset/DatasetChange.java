package dev.trovekeeper.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PATCH /v1/datasets/{datasetId}}: a field left out keeps its value; {@code source}
 * and {@code credentials} are replaced as a whole. {@link #toString()} never shows credentials.
 */
public record DatasetChange(
    @Size(min = 1, max = 255)
        @Pattern(regexp = DatasetRequest.NAME, message = DatasetRequest.NAME_MESSAGE)
        String name,
    @Valid DatasetSource source,
    @Schema(
            type = SchemaType.OBJECT,
            description = "write-only: replaces the stored credentials (see DatasetRequest)")
        JsonNode credentials) {

  @Override
  public String toString() {
    return "DatasetChange[name="
        + name
        + ", source="
        + (source == null ? null : source.kind())
        + ", credentials="
        + (credentials == null ? "unchanged" : "******")
        + "]";
  }
}
