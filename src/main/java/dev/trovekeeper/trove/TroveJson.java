package dev.trovekeeper.trove;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reads Trove's JSON shapes (see ../shared/trove-wire) into the service's records. */
final class TroveJson {

  private TroveJson() {}

  static TroveInstance instance(JsonNode node) {
    JsonNode datastore = node.path("datastore");
    String project = text(node, "tenant_id");
    if (project == null) {
      project = text(node, "project_id");
    }
    return new TroveInstance(
        text(node, "id"),
        project,
        text(node, "name"),
        text(node, "status"),
        text(datastore, "type"),
        text(datastore, "version"),
        text(node, "region"));
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

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
