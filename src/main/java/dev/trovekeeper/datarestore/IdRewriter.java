package dev.trovekeeper.datarestore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ids a restore's source gave re-created objects when it would not keep theirs (old id -> new
 * id per entity), and the rewriting of references to them in records restored later, along the
 * reference field paths of the backup's schema ({@code customer_id}, {@code
 * line_items[].product_id}, {@code product_ids[]}). Single-field references only. Pure; one per
 * restore attempt.
 */
final class IdRewriter {

  /** A reference from {@code path} of one entity to {@code entity}'s id. */
  record Ref(String path, String entity) {}

  private final Map<String, List<Ref>> references = new HashMap<>();
  private final Map<String, Map<String, String>> newIds = new HashMap<>();

  /** Reads the references from a manifest's schema snapshot. */
  IdRewriter(JsonNode schema) {
    if (schema == null) {
      return;
    }
    for (JsonNode entity : schema.path("entities")) {
      List<Ref> refs = new ArrayList<>();
      for (JsonNode reference : entity.path("references")) {
        if (reference.path("fields").size() == 1) {
          refs.add(
              new Ref(reference.path("fields").get(0).asText(), reference.path("entity").asText()));
        }
      }
      references.put(entity.path("name").asText(), refs);
    }
  }

  /** The source gave the re-created object {@code oldId} of {@code entity} the id {@code newId}. */
  void renamed(String entity, String oldId, String newId) {
    newIds.computeIfAbsent(entity, e -> new HashMap<>()).put(oldId, newId);
  }

  /** How many objects got a new id. */
  int renamed() {
    return newIds.values().stream().mapToInt(Map::size).sum();
  }

  /** {@code record} of {@code entity} with each reference to a renamed object rewritten. */
  JsonNode rewrite(String entity, JsonNode record) {
    if (newIds.isEmpty() || !(record instanceof ObjectNode)) {
      return record;
    }
    JsonNode copy = record.deepCopy();
    for (Ref ref : references.getOrDefault(entity, List.of())) {
      Map<String, String> ids = newIds.get(ref.entity());
      if (ids != null) {
        walk(copy, ref.path().split("\\."), 0, ids);
      }
    }
    return copy;
  }

  private static void walk(JsonNode node, String[] steps, int at, Map<String, String> ids) {
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    String step = steps[at];
    boolean each = step.endsWith("[]");
    String name = each ? step.substring(0, step.length() - 2) : step;
    JsonNode child = object.get(name);
    boolean last = at == steps.length - 1;
    if (each) {
      if (child instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          if (last) {
            JsonNode replaced = replace(array.get(i), ids);
            if (replaced != null) {
              array.set(i, replaced);
            }
          } else {
            walk(array.get(i), steps, at + 1, ids);
          }
        }
      }
    } else if (last) {
      JsonNode replaced = replace(child, ids);
      if (replaced != null) {
        object.set(name, replaced);
      }
    } else {
      walk(child, steps, at + 1, ids);
    }
  }

  /** The new id for a value that names a renamed object (as number when it was one), else null. */
  private static JsonNode replace(JsonNode value, Map<String, String> ids) {
    if (value == null || !value.isValueNode() || value.isNull()) {
      return null;
    }
    String id = ids.get(value.asText());
    if (id == null) {
      return null;
    }
    if (value.isNumber() && id.matches("-?\\d{1,18}")) {
      return JsonNodeFactory.instance.numberNode(Long.parseLong(id));
    }
    return JsonNodeFactory.instance.textNode(id);
  }
}
