package dev.trovekeeper.diff;

import com.fasterxml.jackson.databind.JsonNode;

/** Where a diff's changes go, one object at a time, in key order per entity. */
interface ChangeSink {

  /**
   * One object that differs.
   *
   * @param entity its entity
   * @param id its key (see {@link RecordKeys#of})
   * @param kind how it differs
   * @param patch for {@link ChangeKind#CHANGED}: the RFC 6902 JSON Patch that turns the base record
   *     into the other one; null otherwise
   */
  void change(String entity, String id, ChangeKind kind, JsonNode patch);
}
