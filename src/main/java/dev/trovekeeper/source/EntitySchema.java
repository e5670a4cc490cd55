package dev.trovekeeper.source;

import java.util.List;

/**
 * One entity (a REST resource or a table) as the manifest records it.
 *
 * @param name the entity's name (a table name, or the configured entity name)
 * @param idFields the fields identifying a record (a table's primary key columns)
 * @param updatedAtField the field holding the last change, or null
 * @param references references to other entities (declared for REST, foreign keys for SQL)
 * @param mediaFields field paths holding media URLs (REST), e.g. {@code images[].src}
 * @param fieldTypes field name to type (SQL column types), empty for REST
 */
public record EntitySchema(
    String name,
    List<String> idFields,
    String updatedAtField,
    List<Reference> references,
    List<String> mediaFields,
    java.util.Map<String, String> fieldTypes) {

  public EntitySchema {
    idFields = List.copyOf(idFields);
    references = List.copyOf(references);
    mediaFields = List.copyOf(mediaFields);
    fieldTypes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fieldTypes));
  }
}
