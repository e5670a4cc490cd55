package dev.trovekeeper.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trovekeeper.api.Problem.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a JSON configuration document field by field, collecting one error per invalid field (its
 * path, e.g. {@code entities[1].paging.type}) instead of stopping at the first.
 */
public final class ConfigFields {

  private final List<FieldError> errors = new ArrayList<>();

  /** Every error so far. */
  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  public void error(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  /**
   * An object at {@code field}, with only {@code allowed} fields; null (and an error) otherwise.
   */
  public JsonNode object(
      JsonNode parent, String name, String field, boolean required, String... allowed) {
    var node = parent == null ? null : parent.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    if (!node.isObject()) {
      error(field, "must be an object");
      return null;
    }
    var known = Set.of(allowed);
    node.fieldNames()
        .forEachRemaining(
            f -> {
              if (!known.contains(f)) {
                error(field.isEmpty() ? f : field + "." + f, "is not a known field");
              }
            });
    return node;
  }

  /** Checks a root object's fields. */
  public boolean root(JsonNode node, String... allowed) {
    if (node == null || !node.isObject()) {
      error("", "must be a JSON object");
      return false;
    }
    var known = Set.of(allowed);
    node.fieldNames()
        .forEachRemaining(
            f -> {
              if (!known.contains(f)) {
                error(f, "is not a known field");
              }
            });
    return true;
  }

  /** A text matching {@code pattern}; {@code fallback} when absent and not required. */
  public String text(
      JsonNode parent,
      String name,
      String field,
      boolean required,
      String fallback,
      Pattern pattern,
      String expected) {
    var node = parent == null ? null : parent.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        error(field, "is required");
      }
      return fallback;
    }
    if (!node.isTextual()) {
      error(field, "must be a string");
      return fallback;
    }
    if (pattern != null && !pattern.matcher(node.textValue()).matches()) {
      error(field, "must be " + expected);
      return fallback;
    }
    return node.textValue();
  }

  /** An integer within [min, max]; {@code fallback} when absent and not required. */
  public int integer(
      JsonNode parent,
      String name,
      String field,
      boolean required,
      int fallback,
      int min,
      int max) {
    var node = parent == null ? null : parent.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        error(field, "is required");
      }
      return fallback;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      error(field, "must be an integer");
      return fallback;
    }
    int value = node.intValue();
    if (value < min || value > max) {
      error(field, "must be between " + min + " and " + max);
      return fallback;
    }
    return value;
  }

  /** One of the enum's constants (by name). */
  public <E extends Enum<E>> E choice(
      JsonNode parent, String name, String field, boolean required, E fallback, Class<E> type) {
    var constants = type.getEnumConstants();
    var names = String.join(", ", Arrays.stream(constants).map(Enum::name).toList());
    var text = text(parent, name, field, required, null, null, null);
    if (text == null) {
      return fallback;
    }
    for (var c : constants) {
      if (c.name().equals(text)) {
        return c;
      }
    }
    error(field, "must be one of " + names);
    return fallback;
  }

  /** The elements of an array (empty, and an error, when it is not one). */
  public List<JsonNode> array(JsonNode parent, String name, String field, boolean required) {
    var node = parent == null ? null : parent.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        error(field, "is required");
      }
      return List.of();
    }
    if (!node.isArray()) {
      error(field, "must be an array");
      return List.of();
    }
    var out = new ArrayList<JsonNode>();
    node.forEach(out::add);
    return out;
  }
}
