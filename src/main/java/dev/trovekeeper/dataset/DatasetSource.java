package dev.trovekeeper.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where a dataset's records come from: the source's kind and its configuration (JSON, never with
 * secrets; see docs/DATASETS.md for both kinds' fields).
 *
 * @param kind REST or SQL
 * @param config the source's configuration
 */
public record DatasetSource(
    @NotNull SourceKind kind,
    @NotNull
        @Schema(
            type = SchemaType.OBJECT,
            description =
                "REST: baseUrl, auth, rateLimit, paging, total, entities; SQL: jdbcUrl,"
                    + " tenantColumn, tenantValue, tables (docs/DATASETS.md)")
        JsonNode config) {}
