package dev.trovekeeper.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trovekeeper.datarestore.DataRestoreRequest.ObjectRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The single objects a restore form names: per entity a text area of ids, one a line (a composite
 * key is the JSON array the diff shows, which may hold commas and spaces). Pure.
 */
final class RestoreObjects {

  /** As {@code DataRestoreRequest.ObjectRef} and {@code Selection} bound them. */
  static final int MAX_ID = 512;

  static final int MAX_OBJECTS = 10_000;

  private RestoreObjects() {}

  /**
   * The typed text per entity, in form order, for the entities whose text is not blank: the form
   * posts one {@code objectEntity} and one {@code objectIds} per entity, in the same order.
   */
  static Map<String, String> typed(List<String> entities, List<String> ids) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> names = entities == null ? List.of() : entities;
    List<String> texts = ids == null ? List.of() : ids;
    if (names.size() != texts.size()) {
      throw new ConsoleFailure(400, "Bad request", "The form is incomplete: reload it.");
    }
    for (int i = 0; i < names.size(); i++) {
      if (texts.get(i) != null && !texts.get(i).isBlank()) {
        out.put(names.get(i), texts.get(i).strip());
      }
    }
    return out;
  }

  /** The objects named: one id a line, blank lines skipped; 400 for an id too long or too many. */
  static List<ObjectRef> refs(Map<String, String> typed) {
    List<ObjectRef> out = new ArrayList<>();
    typed.forEach(
        (entity, text) ->
            text.lines()
                .map(String::strip)
                .filter(id -> !id.isEmpty())
                .forEach(
                    id -> {
                      if (id.length() > MAX_ID) {
                        throw new ConsoleFailure(
                            400,
                            "Bad request",
                            "An object id has at most " + MAX_ID + " characters (" + entity + ").");
                      }
                      out.add(new ObjectRef(entity, id));
                    }));
    if (out.size() > MAX_OBJECTS) {
      throw new ConsoleFailure(
          400, "Bad request", "Choose at most " + MAX_OBJECTS + " objects, or whole entities.");
    }
    return out;
  }

  /** A stored selection in words: "everything", or its whole entities and its objects. */
  static String describe(JsonNode selection) {
    if (selection == null || selection.path("all").asBoolean(false)) {
      return "everything";
    }
    List<String> entities = new ArrayList<>();
    selection.path("entities").forEach(e -> entities.add(e.asText()));
    List<String> objects = new ArrayList<>();
    selection
        .path("objects")
        .forEach(o -> objects.add(o.path("entity").asText() + " " + o.path("id").asText()));
    List<String> parts = new ArrayList<>();
    if (!entities.isEmpty()) {
      parts.add("whole entities: " + String.join(", ", entities));
    }
    if (!objects.isEmpty()) {
      parts.add("objects: " + String.join(", ", objects));
    }
    return String.join("; ", parts);
  }
}
