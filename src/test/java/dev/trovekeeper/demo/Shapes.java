package dev.trovekeeper.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Compares JSON shapes: same keys recursively and the same JSON value types. */
final class Shapes {

  private Shapes() {}

  /** Differences between the shapes, as readable lines; empty when they match. */
  static List<String> diff(JsonNode expected, JsonNode actual) {
    var out = new ArrayList<String>();
    diff("$", expected, actual, false, out);
    return out;
  }

  /** As {@link #diff}, but arrays compare only their first elements (lengths may differ). */
  static List<String> diffLoose(JsonNode expected, JsonNode actual) {
    var out = new ArrayList<String>();
    diff("$", expected, actual, true, out);
    return out;
  }

  static String type(JsonNode n) {
    if (n.isIntegralNumber()) {
      return "integer";
    }
    if (n.isFloatingPointNumber()) {
      return "float";
    }
    return n.getNodeType().name().toLowerCase();
  }

  private static void diff(String at, JsonNode e, JsonNode a, boolean loose, List<String> out) {
    if (!type(e).equals(type(a))) {
      out.add(at + ": expected " + type(e) + " but was " + type(a) + " (" + a + ")");
      return;
    }
    if (e.isObject()) {
      var ek = new TreeSet<String>();
      e.fieldNames().forEachRemaining(ek::add);
      var ak = new TreeSet<String>();
      a.fieldNames().forEachRemaining(ak::add);
      if (!ek.equals(ak)) {
        out.add(at + ": keys " + ak + " instead of " + ek);
      }
      for (var k : ek) {
        if (a.has(k)) {
          diff(at + "." + k, e.get(k), a.get(k), loose, out);
        }
      }
    } else if (e.isArray()) {
      if (loose) {
        if (e.size() > 0 && a.size() > 0) {
          diff(at + "[0]", e.get(0), a.get(0), true, out);
        }
        return;
      }
      if (e.size() != a.size()) {
        out.add(at + ": " + a.size() + " elements instead of " + e.size());
        return;
      }
      for (int i = 0; i < e.size(); i++) {
        diff(at + "[" + i + "]", e.get(i), a.get(i), false, out);
      }
    }
  }
}
