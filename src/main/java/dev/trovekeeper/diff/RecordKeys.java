package dev.trovekeeper.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Comparator;
import java.util.List;

/**
 * The key that identifies a record within its entity (its id fields), and the order both sides of a
 * diff are sorted in. Pure.
 */
final class RecordKeys {

  /**
   * Whole numbers (up to 18 digits, no leading zero) first in numeric order, then every other key
   * in string order; ties between numbers broken by the text, so the order is total and both sides
   * of a diff sort the same keys the same way.
   */
  static final Comparator<String> ORDER = RecordKeys::compare;

  private RecordKeys() {}

  /**
   * The record's key: the value of its single id field as text (a number's digits, a string's
   * content), or for several id fields (a composite primary key) the JSON array of their values. A
   * record without its id gets its whole JSON as key (it can only be ADDED or REMOVED).
   */
  static String of(JsonNode record, List<String> idFields) {
    if (idFields.size() == 1) {
      JsonNode id = record.get(idFields.get(0));
      if (id != null && id.isValueNode() && !id.isNull()) {
        return id.asText();
      }
      return record.toString();
    }
    var values = JsonNodeFactory.instance.arrayNode();
    boolean any = false;
    for (String field : idFields) {
      JsonNode value = record.get(field);
      values.add(value == null ? JsonNodeFactory.instance.nullNode() : value);
      any |= value != null && !value.isNull();
    }
    return any ? values.toString() : record.toString();
  }

  static int compare(String a, String b) {
    boolean na = numeric(a);
    boolean nb = numeric(b);
    if (na && nb) {
      int byValue = Long.compare(Long.parseLong(a), Long.parseLong(b));
      return byValue != 0 ? byValue : a.compareTo(b);
    }
    if (na != nb) {
      return na ? -1 : 1;
    }
    return a.compareTo(b);
  }

  private static boolean numeric(String s) {
    int start = s.startsWith("-") ? 1 : 0;
    int digits = s.length() - start;
    if (digits < 1 || digits > 18 || (digits > 1 && s.charAt(start) == '0')) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
