package dev.trovekeeper.source.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;

/**
 * One page of an entity.
 *
 * @param items its records, in the source's order
 * @param total the total count it announced, or -1
 * @param nextCursor the next cursor (CURSOR paging), or null
 * @param nextLink the {@code rel="next"} link (LINK paging), or null
 */
record Page(List<JsonNode> items, long total, String nextCursor, URI nextLink) {}
