package dev.trovekeeper.diff;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One object that differs.
 *
 * @param entity its entity (a REST resource or a table)
 * @param id its id as text (a composite key: the JSON array of its values)
 * @param kind ADDED (in the live data or the other backup only), CHANGED, REMOVED (in the base
 *     backup only)
 * @param patch for CHANGED: the RFC 6902 JSON Patch that turns the base backup's object into the
 *     other side's (add, remove and replace operations)
 */
public record ChangeResponse(
    String entity,
    String id,
    ChangeKind kind,
    @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode patch) {}
