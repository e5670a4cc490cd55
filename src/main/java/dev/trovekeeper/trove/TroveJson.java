package dev.trovekeeper.trove;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads Trove's JSON shapes (see ../shared/trove-wire) into the service's records. */
final class TroveJson {

  private TroveJson() {}

  static TroveInstance instance(JsonNode node) {
    return instance(node, null);
  }

  /** An instance; {@code projectId} stands in when the body names none (project's own view). */
  static TroveInstance instance(JsonNode node, String projectId) {
    JsonNode datastore = node.path("datastore");
    String project = text(node, "tenant_id");
    if (project == null) {
      project = text(node, "project_id");
    }
    if (project == null) {
      project = projectId;
    }
    JsonNode fault = node.path("fault");
    return new TroveInstance(
        text(node, "id"),
        project,
        text(node, "name"),
        text(node, "status"),
        text(datastore, "type"),
        text(datastore, "version"),
        text(node, "region"),
        text(node, "operating_status"),
        text(node, "service_status"),
        fault.isObject()
            ? new TroveInstance.Fault(text(fault, "message"), date(text(fault, "created")))
            : null,
        text(node, "cluster_id"));
  }

  static TroveBackup backup(JsonNode node) {
    JsonNode size = node.get("size");
    return new TroveBackup(
        text(node, "id"),
        text(node, "name"),
        text(node, "instance_id"),
        text(node, "project_id"),
        text(node, "parent_id"),
        text(node, "status"),
        size == null || size.isNull() ? null : size.asDouble(),
        date(text(node, "created")),
        date(text(node, "updated")),
        text(node, "locationRef"));
  }

  /**
   * {@code GET limits}: the ABSOLUTE entry, then one rate entry per verb on every path ({@code uri}
   * "*"); entries on narrower paths (Trove's POST on mgmt paths) do not override those.
   */
  static ProjectLimits limits(JsonNode body) {
    JsonNode absolute = null;
    Map<String, Integer> perMinute = new LinkedHashMap<>();
    Map<String, Integer> remaining = new LinkedHashMap<>();
    for (JsonNode limit : body.path("limits")) {
      String verb = limit.path("verb").asText();
      if ("ABSOLUTE".equals(verb)) {
        absolute = limit;
      } else if (limit.path("uri").asText("*").equals("*")) {
        perMinute.put(verb, integer(limit, "value"));
        remaining.put(verb, integer(limit, "remaining"));
      }
    }
    JsonNode abs = absolute == null ? body.path("none") : absolute;
    return new ProjectLimits(
        integer(abs, "max_backups"),
        integer(abs, "max_instances"),
        integer(abs, "max_volumes"),
        Map.copyOf(perMinute),
        Map.copyOf(remaining));
  }

  /**
   * Trove's dates: {@code 2026-11-21T23:26:33}, no zone, meaning UTC. Also accepts an explicit zone
   * ({@code Z} or an offset), which notification payloads carry.
   */
  static Instant date(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException zoned) {
      return OffsetDateTime.parse(text).toInstant();
    }
  }

  /**
   * The {@code marker} of the {@code next} link, or null on the last page. Trove writes https://
   * links even over plain http, so only the marker is taken from them.
   */
  static String nextMarker(JsonNode page) {
    for (JsonNode link : page.path("links")) {
      if ("next".equals(link.path("rel").asText())) {
        String query = URI.create(link.path("href").asText()).getRawQuery();
        if (query == null) {
          return null;
        }
        for (String pair : query.split("&")) {
          if (pair.startsWith("marker=")) {
            return URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
          }
        }
      }
    }
    return null;
  }

  private static Integer integer(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.canConvertToInt() ? null : value.asInt();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
