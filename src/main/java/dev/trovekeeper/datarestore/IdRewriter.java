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
 * restore attempt. A migration into another tenant uses it strictly ({@link #rewriteStrict}): every
 * reference goes through the id map, and one to an object not mapped is cleared.
 */
public final class IdRewriter {

  /** A reference from {@code path} of one entity to {@code entity}'s id. */
  record Ref(String path, String entity) {}

  private final Map<String, List<Ref>> references = new HashMap<>();
  // concurrent: a restore's write threads rename while others rewrite
  private final Map<String, Map<String, String>> newIds =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A record rewritten strictly.
   *
   * @param record the copy, references through the map
   * @param deferred some reference to an object of a pending entity (one not written yet: a cycle)
   *     was cleared; writing the record again once that object is mapped sets it
   */
  public record Rewritten(JsonNode record, boolean deferred) {}

  /** Reads the references from a manifest's schema snapshot. */
  public IdRewriter(JsonNode schema) {
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
  public void renamed(String entity, String oldId, String newId) {
    newIds
        .computeIfAbsent(entity, e -> new java.util.concurrent.ConcurrentHashMap<>())
        .put(oldId, newId);
  }

  /** How many objects got a new id. */
  int renamed() {
    return newIds.values().stream().mapToInt(Map::size).sum();
  }

  /** The id {@code id} of {@code entity} is mapped to, or null. */
  public String target(String entity, String id) {
    return newIds.getOrDefault(entity, Map.of()).get(id);
  }

  /** Whether {@code id} of {@code entity} is mapped. */
  public boolean mapped(String entity, String id) {
    return newIds.getOrDefault(entity, Map.of()).containsKey(id);
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
        walk(copy, ref.path().split("\\."), 0, ids, null);
      }
    }
    return copy;
  }

  /**
   * {@code record} of {@code entity} with every reference rewritten through the map; a reference to
   * an object that is not mapped is cleared (null), and flags the result deferred when its entity
   * is one of {@code pending} (not written yet).
   */
  public Rewritten rewriteStrict(String entity, JsonNode record, java.util.Set<String> pending) {
    if (!(record instanceof ObjectNode)) {
      return new Rewritten(record, false);
    }
    JsonNode copy = record.deepCopy();
    boolean[] cleared = new boolean[1];
    boolean deferred = false;
    for (Ref ref : references.getOrDefault(entity, List.of())) {
      cleared[0] = false;
      walk(copy, ref.path().split("\\."), 0, newIds.getOrDefault(ref.entity(), Map.of()), cleared);
      deferred |= cleared[0] && pending.contains(ref.entity());
    }
    return new Rewritten(copy, deferred);
  }

  /**
   * @param cleared null: unmapped values stay; else they are set to null and cleared[0] set
   */
  private static void walk(
      JsonNode node, String[] steps, int at, Map<String, String> ids, boolean[] cleared) {
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
            JsonNode replaced = replace(array.get(i), ids, cleared);
            if (replaced != null) {
              array.set(i, replaced);
            }
          } else {
            walk(array.get(i), steps, at + 1, ids, cleared);
          }
        }
      }
    } else if (last) {
      JsonNode replaced = replace(child, ids, cleared);
      if (replaced != null) {
        object.set(name, replaced);
      }
    } else {
      walk(child, steps, at + 1, ids, cleared);
    }
  }

  /** The new id for a value that names a renamed object (as number when it was one), else null. */
  private static JsonNode replace(JsonNode value, Map<String, String> ids, boolean[] cleared) {
    if (value == null || !value.isValueNode() || value.isNull()) {
      return null;
    }
    String id = ids.get(value.asText());
    if (id == null) {
      if (cleared == null) {
        return null;
      }
      cleared[0] = true;
      return JsonNodeFactory.instance.nullNode();
    }
    if (value.isNumber() && id.matches("-?\\d{1,18}")) {
      return JsonNodeFactory.instance.numberNode(Long.parseLong(id));
    }
    return JsonNodeFactory.instance.textNode(id);
  }
}
