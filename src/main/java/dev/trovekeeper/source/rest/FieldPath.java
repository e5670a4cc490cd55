package dev.trovekeeper.source.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A path to values inside a record: names separated by dots, {@code []} after a name meaning every
 * element of that list: {@code customer_id}, {@code images[].src}, {@code line_items[].product_id},
 * {@code product_ids[]}.
 */
public final class FieldPath {

  private static final Pattern SYNTAX =
      Pattern.compile("[A-Za-z0-9_$-]+(\\[\\])?(\\.[A-Za-z0-9_$-]+(\\[\\])?)*");

  private record Step(String name, boolean each) {}

  private final String text;
  private final List<Step> steps;

  private FieldPath(String text, List<Step> steps) {
    this.text = text;
    this.steps = steps;
  }

  /** Whether {@code text} is a valid path. */
  public static boolean valid(String text) {
    return text != null && SYNTAX.matcher(text).matches();
  }

  /** Parses a valid path (see {@link #valid}). */
  public static FieldPath of(String text) {
    if (!valid(text)) {
      throw new IllegalArgumentException("invalid field path");
    }
    var steps = new ArrayList<Step>();
    for (var part : text.split("\\.")) {
      boolean each = part.endsWith("[]");
      steps.add(new Step(each ? part.substring(0, part.length() - 2) : part, each));
    }
    return new FieldPath(text, List.copyOf(steps));
  }

  /** Whether the path can yield more than one value (it has a {@code []}). */
  public boolean multiple() {
    return steps.stream().anyMatch(Step::each);
  }

  /** Every non-null scalar value at this path in {@code record}, in document order. */
  public List<JsonNode> values(JsonNode record) {
    var out = new ArrayList<JsonNode>();
    collect(record, 0, out);
    return out;
  }

  private void collect(JsonNode node, int at, List<JsonNode> out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    if (at == steps.size()) {
      if (node.isValueNode()) {
        out.add(node);
      }
      return;
    }
    var step = steps.get(at);
    var child = node.get(step.name());
    if (step.each()) {
      if (child != null && child.isArray()) {
        child.forEach(e -> collect(e, at + 1, out));
      }
    } else {
      collect(child, at + 1, out);
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
