package dev.trovekeeper.source;

import java.util.List;

/**
 * A reference from one entity's fields to another entity's fields, used by restore and migration to
 * remap ids.
 *
 * @param name the constraint name (SQL) or the field path (REST)
 * @param fields the referencing fields or field paths, e.g. {@code line_items[].product_id}
 * @param entity the referenced entity
 * @param targetFields the referenced fields (its id fields)
 */
public record Reference(
    String name, List<String> fields, String entity, List<String> targetFields) {

  public Reference {
    fields = List.copyOf(fields);
    targetFields = List.copyOf(targetFields);
  }
}
