package dev.trovekeeper.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Says what is wrong with an unreadable body in the API's words: what a field must be ("must be an
 * integer", "must be one of ..."), never Jackson's message, which names Java types and parser
 * features.
 */
final class JsonErrors {

  private JsonErrors() {}

  /** What the value must be, for a field whose value Jackson could not bind. */
  static String expectation(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "is not a known field";
    }
    if (e instanceof InputCoercionException coercion) {
      return mustBe(coercion.getTargetType()) + " within range";
    }
    if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
      return mustBe(mismatched.getTargetType());
    }
    return "has a value that cannot be read";
  }

  /** The detail of a body that is not JSON at all, with where the parser stopped. */
  static String syntax(JsonParseException e) {
    JsonLocation at = e.getLocation();
    return at == null
        ? "the body is not valid JSON"
        : "the body is not valid JSON (line %d, column %d)"
            .formatted(at.getLineNr(), at.getColumnNr());
  }

  /** "must be ..." for a Java type, in JSON terms. */
  static String mustBe(Class<?> type) {
    if (type == null) {
      return "has the wrong type";
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class) {
      return "must be an integer";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "must be a number";
    }
    if (type == String.class || type == Character.class) {
      return "must be a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (type.isEnum()) {
      return "must be one of "
          + Arrays.stream(type.getEnumConstants())
              .map(Object::toString)
              .collect(Collectors.joining(", "));
    }
    if (type == LocalTime.class) {
      return "must be a time of day such as \"02:30\"";
    }
    if (type == Instant.class) {
      return "must be an ISO-8601 instant such as \"2030-01-31T00:00:00Z\"";
    }
    if (type == LocalDate.class) {
      return "must be a date such as \"2030-01-31\"";
    }
    if (type == Duration.class) {
      return "must be an ISO-8601 duration such as \"PT1H\"";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "must be an array";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.isPrimitive()) {
      return "must be a JSON object";
    }
    return "has the wrong type";
  }
}
