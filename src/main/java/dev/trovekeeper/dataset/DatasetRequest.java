package dev.trovekeeper.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trovekeeper.policy.PolicySpec;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /v1/datasets}. {@link #toString()} never shows the credentials.
 *
 * @param credentials write-only: REST {@code apiKey}, {@code token}, or {@code clientId} + {@code
 *     clientSecret} (by the source's auth type); SQL {@code username} + {@code password}
 * @param policy optional policy override of the dataset (as {@code PUT .../policy} takes it)
 */
public record DatasetRequest(
    @NotBlank @Size(max = 255) @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
    @NotNull @Valid DatasetSource source,
    @Schema(
            type = SchemaType.OBJECT,
            description =
                "write-only, stored encrypted, never returned: REST apiKey | token | clientId +"
                    + " clientSecret, SQL username + password")
        JsonNode credentials,
    @Valid PolicySpec policy) {

  /** No control characters. */
  static final String NAME = "[^\\p{Cntrl}]*";

  static final String NAME_MESSAGE = "must not contain control characters";

  @Override
  public String toString() {
    return "DatasetRequest[name="
        + name
        + ", source="
        + (source == null ? null : source.kind())
        + ", credentials="
        + (credentials == null ? "none" : "******")
        + "]";
  }
}
