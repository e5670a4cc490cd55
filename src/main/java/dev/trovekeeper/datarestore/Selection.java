package dev.trovekeeper.datarestore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * What a restore covers, as stored with it ({@code {"all": true}} or {@code {"entities": [...],
 * "objects": [{"entity", "id"}]}}): everything, whole entities, single objects. Pure.
 */
final class Selection {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final boolean all;
  private final Set<String> entities = new HashSet<>();
  private final Set<String> objects = new HashSet<>();
  private final Set<String> entitiesOfObjects = new HashSet<>();

  private Selection(boolean all) {
    this.all = all;
  }

  /** The selection of a request (already validated). */
  static String json(DataRestoreRequest.Selection request) {
    ObjectNode node = JSON.createObjectNode();
    if (request.everything()) {
      node.put("all", true);
      return node.toString();
    }
    var entities = node.putArray("entities");
    if (request.entities() != null) {
      request.entities().stream().distinct().forEach(entities::add);
    }
    var objects = node.putArray("objects");
    if (request.objects() != null) {
      request
          .objects()
          .forEach(o -> objects.addObject().put("entity", o.entity()).put("id", o.id()));
    }
    return node.toString();
  }

  static Selection parse(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      Selection s = new Selection(node.path("all").asBoolean(false));
      node.path("entities").forEach(e -> s.entities.add(e.asText()));
      node.path("objects")
          .forEach(
              o -> {
                s.objects.add(key(o.path("entity").asText(), o.path("id").asText()));
                s.entitiesOfObjects.add(o.path("entity").asText());
              });
      return s;
    } catch (IOException e) {
      throw new IllegalStateException("a stored selection is not JSON", e);
    }
  }

  /** Whether any object of {@code entity} may be selected. */
  boolean touches(String entity) {
    return all || entities.contains(entity) || entitiesOfObjects.contains(entity);
  }

  /** Whether the whole of {@code entity} is selected. */
  boolean whole(String entity) {
    return all || entities.contains(entity);
  }

  /** Whether the object {@code id} of {@code entity} is selected. */
  boolean contains(String entity, String id) {
    return whole(entity) || objects.contains(key(entity, id));
  }

  private static String key(String entity, String id) {
    return entity + "\u0000" + id;
  }
}
