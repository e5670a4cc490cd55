package dev.trovekeeper.datarestore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;

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
  // an entity's id field, when it has one (a composite key is never rewritten)
  private final Map<String, String> idField = new HashMap<>();
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
      JsonNode idFields = entity.path("idFields");
      if (idFields.size() <= 1) {
        idField.put(entity.path("name").asText(), idFields.path(0).asText("id"));
      }
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

  /**
   * Whether some reference of {@code entity} is to an entity with renamed objects, or to one {@code
   * awaited} says may still get some.
   */
  boolean refersToRenamed(String entity, java.util.function.Predicate<String> awaited) {
    for (Ref ref : references.getOrDefault(entity, List.of())) {
      if (!newIds.getOrDefault(ref.entity(), Map.of()).isEmpty() || awaited.test(ref.entity())) {
        return true;
      }
    }
    return false;
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
        walk(copy, ref.path().split("\\."), 0, value -> mapped(value, ids));
      }
    }
    return copy;
  }

  /**
   * {@code record} of {@code entity} with its own id and each reference rewritten through the map
   * (a backup's record read as the source now holds it); {@code record} itself when none changes.
   */
  JsonNode live(String entity, JsonNode record) {
    JsonNode out = rewrite(entity, record);
    String field = idField.get(entity);
    Map<String, String> own = newIds.get(entity);
    if (field != null
        && own != null
        && out instanceof ObjectNode object
        && object.get(field) != null) {
      JsonNode id = valueOf(object.get(field), value -> mapped(value, own));
      if (id != null) {
        ObjectNode copy = out == record ? object.deepCopy() : object;
        copy.set(field, id);
        out = copy;
      }
    }
    return out;
  }

  /**
   * {@code record} of {@code entity} with each reference to an object that {@code pending} names
   * (entity, id: one whose re-creation has not returned yet, so its id is not known) cleared, and
   * every other reference to a renamed object rewritten; flagged deferred when some reference was
   * cleared, to be written again once those objects exist. Checks {@code pending} before the map:
   * an object leaves it only after its new id is in the map.
   */
  Rewritten rewrite(String entity, JsonNode record, BiPredicate<String, String> pending) {
    if (!(record instanceof ObjectNode) || references.getOrDefault(entity, List.of()).isEmpty()) {
      return new Rewritten(record, false);
    }
    JsonNode copy = record.deepCopy();
    boolean[] deferred = new boolean[1];
    for (Ref ref : references.getOrDefault(entity, List.of())) {
      walk(
          copy,
          ref.path().split("\\."),
          0,
          value -> {
            if (pending.test(ref.entity(), value.asText())) {
              deferred[0] = true;
              return JsonNodeFactory.instance.nullNode();
            }
            return mapped(value, newIds.getOrDefault(ref.entity(), Map.of()));
          });
    }
    return new Rewritten(copy, deferred[0]);
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
    boolean deferred = false;
    for (Ref ref : references.getOrDefault(entity, List.of())) {
      Map<String, String> ids = newIds.getOrDefault(ref.entity(), Map.of());
      boolean[] cleared = new boolean[1];
      walk(
          copy,
          ref.path().split("\\."),
          0,
          value -> {
            JsonNode id = mapped(value, ids);
            if (id == null) {
              cleared[0] = true;
              return JsonNodeFactory.instance.nullNode();
            }
            return id;
          });
      deferred |= cleared[0] && pending.contains(ref.entity());
    }
    return new Rewritten(copy, deferred);
  }

  /**
   * Applies {@code replace} to each reference value (not null) at {@code steps}; a null answer
   * leaves the value.
   */
  private static void walk(JsonNode node, String[] steps, int at, UnaryOperator<JsonNode> replace) {
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
            JsonNode replaced = valueOf(array.get(i), replace);
            if (replaced != null) {
              array.set(i, replaced);
            }
          } else {
            walk(array.get(i), steps, at + 1, replace);
          }
        }
      }
    } else if (last) {
      JsonNode replaced = valueOf(child, replace);
      if (replaced != null) {
        object.set(name, replaced);
      }
    } else {
      walk(child, steps, at + 1, replace);
    }
  }

  private static JsonNode valueOf(JsonNode value, UnaryOperator<JsonNode> replace) {
    return value == null || !value.isValueNode() || value.isNull() ? null : replace.apply(value);
  }

  /** The new id of the object {@code value} names (as number when it was one), else null. */
  private static JsonNode mapped(JsonNode value, Map<String, String> ids) {
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
