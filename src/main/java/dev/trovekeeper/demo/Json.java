package dev.trovekeeper.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Jackson plumbing: one mapper, ordered maps for the wire shapes. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** An insertion-ordered map from alternating keys and values (values may be null). */
  static Map<String, Object> obj(Object... keysAndValues) {
    var map = new LinkedHashMap<String, Object>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a request body; malformed JSON is a 400 like Trove's. */
  static JsonNode read(String body) {
    try {
      return body == null || body.isBlank() ? MAPPER.nullNode() : MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new TroveException(400, "badRequest", "Malformed request body");
    }
  }

  /** Python's repr of a JSON value, as jsonschema messages show it. */
  static String pyRepr(JsonNode v) {
    if (v.isNull()) {
      return "None";
    }
    if (v.isBoolean()) {
      return v.booleanValue() ? "True" : "False";
    }
    if (v.isTextual()) {
      return "'" + v.textValue() + "'";
    }
    return v.toString();
  }
}
