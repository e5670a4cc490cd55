package dev.trovekeeper.demo.shop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The writes made to the shop, kept as an overlay on its generated records: per entity the records
 * replaced (by id), the generated ids deleted, and the records added. Reads go through {@link
 * #page}/{@link #count}, so paging and totals always agree with the writes. Added records get ids
 * after the generated ones (or the id their body names, when no live record has it), and are listed
 * after them in id order. Thread-safe (one lock).
 */
final class ShopChanges {

  private final ShopData data;
  private final Map<String, TreeMap<Long, ObjectNode>> replaced = new HashMap<>();
  private final Map<String, TreeSet<Long>> deleted = new HashMap<>();
  private final Map<String, TreeMap<Long, ObjectNode>> added = new HashMap<>();

  ShopChanges(ShopData data) {
    this.data = data;
  }

  /** Live records of {@code entity}, or -1 for an unknown entity. */
  synchronized int count(String entity) {
    int generated = data.count(entity);
    if (generated < 0) {
      return -1;
    }
    return generated - deleted(entity).size() + added(entity).size();
  }

  /** The live records from position {@code offset} (0-based), at most {@code limit}. */
  synchronized List<ObjectNode> page(String entity, int offset, int limit) {
    int generated = data.count(entity);
    List<ObjectNode> out = new ArrayList<>();
    int liveGenerated = generated - deleted(entity).size();
    if (offset < liveGenerated) {
      long id = idAt(entity, offset);
      while (id <= generated && out.size() < limit) {
        if (!deleted(entity).contains(id)) {
          out.add(live(entity, id));
        }
        id++;
      }
    }
    int skip = Math.max(0, offset - liveGenerated);
    for (ObjectNode record : added(entity).values()) {
      if (out.size() >= limit) {
        break;
      }
      if (skip > 0) {
        skip--;
      } else {
        out.add(record.deepCopy());
      }
    }
    return out;
  }

  /** The live record {@code id}, if there is one. */
  synchronized Optional<ObjectNode> find(String entity, long id) {
    if (added(entity).containsKey(id)) {
      return Optional.of(added(entity).get(id).deepCopy());
    }
    if (id < 1 || id > data.count(entity) || deleted(entity).contains(id)) {
      return Optional.empty();
    }
    return Optional.of(live(entity, id));
  }

  /** Replaces the live record {@code id} (its {@code id} field set to it); false when absent. */
  synchronized boolean replace(String entity, long id, ObjectNode record) {
    ObjectNode copy = record.deepCopy().put("id", id);
    if (added(entity).containsKey(id)) {
      added(entity).put(id, copy);
      return true;
    }
    if (find(entity, id).isEmpty()) {
      return false;
    }
    replaced.computeIfAbsent(entity, e -> new TreeMap<>()).put(id, copy);
    return true;
  }

  /**
   * Adds a record: under the id its body names when that id is free (a deleted generated id comes
   * back at its place), else under the next id after every generated and added one. Empty when the
   * body names an id a live record has.
   */
  synchronized Optional<Long> add(String entity, ObjectNode record) {
    Long wanted = record.path("id").canConvertToLong() ? record.path("id").longValue() : null;
    if (wanted != null && (wanted < 1 || find(entity, wanted).isPresent())) {
      return Optional.empty();
    }
    long id = wanted != null ? wanted : nextId(entity);
    ObjectNode copy = record.deepCopy().put("id", id);
    if (id <= data.count(entity)) {
      deleted(entity).remove(id);
      replaced.computeIfAbsent(entity, e -> new TreeMap<>()).put(id, copy);
    } else {
      added(entity).put(id, copy);
    }
    return Optional.of(id);
  }

  /** Deletes the live record {@code id}; false when absent. */
  synchronized boolean delete(String entity, long id) {
    if (added(entity).remove(id) != null) {
      return true;
    }
    if (find(entity, id).isEmpty()) {
      return false;
    }
    deleted.computeIfAbsent(entity, e -> new TreeSet<>()).add(id);
    Map<Long, ObjectNode> replacements = replaced.get(entity);
    if (replacements != null) {
      replacements.remove(id);
    }
    return true;
  }

  private long nextId(String entity) {
    long max = data.count(entity);
    return added(entity).isEmpty() ? max + 1 : Math.max(max, added(entity).lastKey()) + 1;
  }

  /** The generated id at live position {@code offset}: skips the deleted ids before it. */
  private long idAt(String entity, int offset) {
    long id = offset + 1L;
    for (long gone : deleted(entity)) {
      if (gone <= id) {
        id++;
      } else {
        break;
      }
    }
    return id;
  }

  private ObjectNode live(String entity, long id) {
    ObjectNode replacement = replaced.getOrDefault(entity, new TreeMap<>()).get(id);
    return replacement != null ? replacement.deepCopy() : data.record(entity, (int) (id - 1));
  }

  private TreeSet<Long> deleted(String entity) {
    return deleted.getOrDefault(entity, new TreeSet<>());
  }

  private TreeMap<Long, ObjectNode> added(String entity) {
    return added.computeIfAbsent(entity, e -> new TreeMap<>());
  }
}
