package dev.trovekeeper.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trovekeeper.archive.ArchiveReader;
import dev.trovekeeper.archive.Manifest;
import dev.trovekeeper.archive.RecordStream;
import dev.trovekeeper.datarestore.EntityOrder;
import dev.trovekeeper.datarestore.IdRewriter;
import dev.trovekeeper.datarestore.MediaRestorer;
import dev.trovekeeper.source.RecordWriter;
import dev.trovekeeper.source.RecordWriter.Outcome;
import io.quarkus.logging.Log;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One pass of a REST backup (tenant A) into another tenant of the same API (B), through B's API:
 * entities parents first ({@link EntityOrder}); an object of A the id map does not know yet is
 * created in B ({@code POST}, its id left out: B gives one) and its new id mapped at once; a mapped
 * one is replaced ({@code PUT} at its id in B; one deleted in B since is created again). Every
 * reference is rewritten through the map ({@link IdRewriter#rewriteStrict}); a reference to an
 * object of an entity not written yet (a cycle) is sent empty and set by a second {@code PUT} once
 * every object exists. B's other objects are never touched, A is only read (its backup). Media the
 * records point to are uploaded where B takes uploads. A dry run ({@code writer} null) counts what
 * the run would do from the id map alone, writing nothing.
 */
final class RestMigrator {

  /** Object ids read from the id map at once. */
  private static final int LOOKUP = 2000;

  private final ArchiveReader archive;
  private final RecordWriter writer;
  private final MediaRestorer media;
  private final IdMap map;
  private final long runId;
  private final Migrator.Listener listener;
  private final List<Collision> collisions = new ArrayList<>();
  private long collisionCount;
  private long done;

  /**
   * @param writer B's writer, null for a dry run
   * @param media uploads media, null when B takes none (or a dry run)
   */
  RestMigrator(
      ArchiveReader archive,
      RecordWriter writer,
      MediaRestorer media,
      IdMap map,
      long runId,
      Migrator.Listener listener) {
    this.archive = archive;
    this.writer = writer;
    this.media = media;
    this.map = map;
    this.runId = runId;
    this.listener = listener;
  }

  /** The entities in the backup's order. */
  static List<String> entities(Manifest manifest) {
    return manifest.entities().stream().map(Manifest.Entity::name).toList();
  }

  /** The pass; counts per entity (as {@link TableCounts}, entity for table). */
  Migrator.Result run() throws SQLException, InterruptedException {
    Manifest manifest = archive.manifest();
    JsonNode schema = manifest.schema();
    List<String> order = EntityOrder.of(entities(manifest), schema);
    Map<String, String> idFields = new HashMap<>();
    for (JsonNode entity : schema.path("entities")) {
      idFields.put(entity.path("name").asText(), entity.path("idFields").path(0).asText("id"));
    }
    // an entity the snapshot leaves out is keyed by "id", as a restore reads it
    order.forEach(entity -> idFields.putIfAbsent(entity, "id"));
    IdRewriter ids = new IdRewriter(schema);
    for (String entity : order) {
      load(entity, idFields.get(entity), ids);
    }
    Map<String, TableCounts.Counter> counts = new LinkedHashMap<>();
    Set<String> pending = new HashSet<>(order);
    Map<String, List<String>> deferred = new LinkedHashMap<>();
    for (String entity : order) {
      TableCounts.Counter counter = new TableCounts.Counter(entity);
      counts.put(entity, counter);
      String idField = idFields.get(entity);
      try (RecordStream<JsonNode> records = archive.records(entity)) {
        while (records.hasNext()) {
          JsonNode record = records.next();
          String sourceId = record.path(idField).asText();
          counter.rows++;
          IdRewriter.Rewritten body = ids.rewriteStrict(entity, record, pending);
          boolean written = write(entity, sourceId, idField, body.record(), ids, counter);
          if (written && body.deferred()) {
            counter.deferred++;
            deferred.computeIfAbsent(entity, e -> new ArrayList<>()).add(sourceId);
          }
          listener.progress("migrating " + entity, ++done);
        }
      }
      pending.remove(entity);
    }
    if (writer != null && !deferred.isEmpty()) {
      fix(deferred, idFields, ids, counts);
    }
    return new Migrator.Result(
        counts.values().stream().map(TableCounts.Counter::snapshot).toList(),
        List.copyOf(collisions),
        collisionCount);
  }

  /** Reads the entity's map entries for the backup's objects into {@code ids}. */
  private void load(String entity, String idField, IdRewriter ids) throws SQLException {
    try (RecordStream<JsonNode> records = archive.records(entity)) {
      List<String> chunk = new ArrayList<>();
      while (records.hasNext()) {
        chunk.add(records.next().path(idField).asText());
        if (chunk.size() == LOOKUP || !records.hasNext()) {
          map.get(entity, chunk)
              .forEach(
                  (source, entry) -> {
                    if (entry.targetKey() != null) {
                      ids.renamed(entity, source, entry.targetKey());
                    }
                  });
          chunk.clear();
        }
      }
    }
  }

  /** Creates or replaces one object in B; false when B refused it. */
  private boolean write(
      String entity,
      String sourceId,
      String idField,
      JsonNode body,
      IdRewriter ids,
      TableCounts.Counter counter)
      throws SQLException, InterruptedException {
    String targetId = ids.target(entity, sourceId);
    if (writer == null) {
      if (targetId == null) {
        counter.create++;
        ids.renamed(entity, sourceId, "planned"); // later references count as mapped
      } else {
        counter.update++;
      }
      return true;
    }
    if (targetId != null) {
      ((ObjectNode) body).put(idField, targetId);
      Outcome outcome = writer.update(entity, targetId, body);
      if (outcome.ok()) {
        counter.update++;
        return media(entity, sourceId, body, counter);
      }
      if (outcome.status() != 404) {
        return refused(entity, sourceId, "SKIP_UPDATE", outcome, counter);
      }
      // deleted in B since the last run: created again below, and mapped anew
    }
    ((ObjectNode) body).remove(idField);
    Outcome outcome = writer.create(entity, sourceId, body);
    if (!outcome.ok() || outcome.newId() == null) {
      return refused(entity, sourceId, "SKIP_INSERT", outcome, counter);
    }
    // mapped at once: a run broken after this object updates it instead of creating it again
    map.put(entity, Map.of(sourceId, outcome.newId()), runId, false);
    ids.renamed(entity, sourceId, outcome.newId());
    counter.create++;
    listener.written(entity, done + 1);
    return media(entity, sourceId, body, counter);
  }

  /** Sets the references that were sent empty, now that every object is mapped. */
  private void fix(
      Map<String, List<String>> deferred,
      Map<String, String> idFields,
      IdRewriter ids,
      Map<String, TableCounts.Counter> counts)
      throws InterruptedException {
    for (var entry : deferred.entrySet()) {
      String entity = entry.getKey();
      Set<String> wanted = new HashSet<>(entry.getValue());
      TableCounts.Counter counter = counts.get(entity);
      try (RecordStream<JsonNode> records = archive.records(entity)) {
        while (records.hasNext()) {
          JsonNode record = records.next();
          String sourceId = record.path(idFields.get(entity)).asText();
          if (!wanted.contains(sourceId)) {
            continue;
          }
          String targetId = ids.target(entity, sourceId);
          JsonNode body = ids.rewriteStrict(entity, record, Set.of()).record();
          ((ObjectNode) body).put(idFields.get(entity), targetId);
          Outcome outcome = writer.update(entity, targetId, body);
          if (outcome.ok()) {
            counter.fixed++;
          } else {
            refused(entity, sourceId, "SKIP_UPDATE", outcome, counter);
          }
          listener.progress("setting deferred references of " + entity, done);
        }
      }
    }
  }

  private boolean media(String entity, String sourceId, JsonNode body, TableCounts.Counter c)
      throws InterruptedException {
    if (media == null) {
      return true;
    }
    var refused = media.restored(entity, body);
    return refused.isEmpty() || refused(entity, sourceId, "MEDIA", refused.get(), c);
  }

  /**
   * B refused the object: counted as blocked and logged; a conflict (409) is listed as a
   * natural-key collision. The pass goes on. Always false.
   */
  private boolean refused(
      String entity, String sourceId, String action, Outcome outcome, TableCounts.Counter c) {
    c.blocked++;
    Log.warnf(
        "Migration run %d: %s %s of %s refused by the target (%d): %s",
        runId, action, sourceId, entity, outcome.status(), outcome.message());
    if (outcome.status() == 409) {
      collisionCount++;
      if (collisions.size() < Migrator.COLLISIONS_LISTED) {
        collisions.add(
            new Collision(
                entity,
                "HTTP 409",
                List.of(),
                outcome.message() == null ? List.of() : List.of(outcome.message()),
                sourceId,
                null,
                false,
                action));
      }
    }
    return false;
  }
}
