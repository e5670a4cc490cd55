package dev.trovekeeper.console;

import dev.trovekeeper.api.Problem.FieldError;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A console form's text fields as typed (shown back on an error) and its field errors: what cannot
 * even be parsed is a field error before a service is asked. An empty field is null.
 */
abstract class ConsoleForm {

  final Map<String, String> values = new LinkedHashMap<>();
  final List<FieldError> errors = new ArrayList<>();

  /** Fills every field of {@code fields} from {@code posted}, trimmed (missing: empty). */
  void fill(List<String> fields, Map<String, String> posted) {
    fields.forEach(f -> values.put(f, trim(posted.get(f))));
  }

  /** The messages by field, several joined. */
  Map<String, String> errorsByField() {
    Map<String, String> out = new LinkedHashMap<>();
    errors.forEach(e -> out.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
    return out;
  }

  Integer integer(String field) {
    String v = values.get(field);
    if (v.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(v);
    } catch (NumberFormatException e) {
      errors.add(new FieldError(field, "must be a whole number"));
      return null;
    }
  }

  /** A wall-clock time; {@code example} shows the expected form in the error. */
  LocalTime time(String field, String example) {
    String v = values.get(field);
    if (v.isEmpty()) {
      return null;
    }
    try {
      return LocalTime.parse(v);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, "must be a time such as " + example));
      return null;
    }
  }

  String blankToNull(String field) {
    String v = values.get(field);
    return v.isEmpty() ? null : v;
  }

  static String trim(String v) {
    return v == null ? "" : v.trim();
  }

  static String text(Object v) {
    return v == null ? "" : v.toString();
  }
}
