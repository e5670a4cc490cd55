package dev.trovekeeper.datarestore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trovekeeper.diff.ChangeKind;
import dev.trovekeeper.diff.Comparison;
import dev.trovekeeper.diff.Comparison.Difference;
import dev.trovekeeper.source.RecordWriter;
import dev.trovekeeper.source.RecordWriter.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the selected differences of one restore attempt back into the source, the objects of an
 * entity in parallel ({@link ParallelWrites}; {@link #flush} before the next entity, so parents are
 * written before their children): a CHANGED object is replaced by the backup's, a REMOVED one
 * re-created from it (its id kept where the source accepts it, else the new id is remembered and
 * later references to it rewritten), an ADDED one is deleted only when the tenant asked for it
 * ({@link #deleteAdded}, called children first), else counted as skipped. A refusal is logged and
 * counted, and the restore goes on.
 *
 * <p>Entities on a reference cycle (a self-reference, such as a category's parent category) cannot
 * be ordered parents first by entity: {@link #expect} is first told every object of the cycle that
 * will be re-created, and a record written while one it references is still awaiting its id is
 * written with that reference empty and {@link #link linked} once the whole cycle is written (as a
 * migration breaks cycles).
 */
final class RestoreApplier {

  private final RecordWriter writer;
  private final Selection selection;
  private final IdRewriter ids;
  private final RestoreCounts counts;
  private final MediaRestorer media;
  private final ParallelWrites writes;
  private final Renamed renamed;
  private final List<DataRestoreStore.ErrorRow> errors = new ArrayList<>();
  // "entity\0id": objects of the cycle being written whose re-creation has not returned yet
  private final Set<String> awaitingId = ConcurrentHashMap.newKeySet();
  // "entity\0id": objects written with some reference to such an object left empty
  private final Set<String> unlinked = ConcurrentHashMap.newKeySet();

  /** Told when the source gave a re-created object another id (before references to it are). */
  interface Renamed {
    void renamed(String entity, String id, String newId);
  }

  /**
   * @param media uploads the media of restored records; null when the source takes no uploads
   * @param writes where the writes run
   * @param renamed told of each object re-created under another id
   */
  RestoreApplier(
      RecordWriter writer,
      Selection selection,
      IdRewriter ids,
      RestoreCounts counts,
      MediaRestorer media,
      ParallelWrites writes,
      Renamed renamed) {
    this.writes = writes;
    this.renamed = renamed;
    this.writer = writer;
    this.selection = selection;
    this.ids = ids;
    this.counts = counts;
    this.media = media;
  }

  /** Writes a CHANGED or REMOVED object back; an ADDED one is skipped here. */
  void restore(Difference d) throws InterruptedException {
    if (!selection.contains(d.entity(), d.id())) {
      return;
    }
    if (d.kind() == ChangeKind.ADDED) {
      counts.add(c -> c.skipped++);
      return;
    }
    writes.submit(() -> write(d));
  }

  /**
   * Before the entities of a reference cycle are written: a REMOVED object of the selection will be
   * re-created, and references to it wait for its id.
   */
  void expect(Difference d) {
    if (d.kind() == ChangeKind.REMOVED && selection.contains(d.entity(), d.id())) {
      awaitingId.add(key(d.entity(), d.id()));
    }
  }

  /** Whether some object written since {@link #expect} has a reference still to set. */
  boolean unlinked() {
    return !unlinked.isEmpty();
  }

  /**
   * What the comparison of {@code entity} hands its objects equal on both sides to: {@link #same}
   * when one of them may reference an object re-created under a new id, else null (no cost).
   */
  Comparison.SameSink sameSink(String entity) {
    boolean may =
        ids.refersToRenamed(entity, e -> awaitingId.stream().anyMatch(k -> k.startsWith(e + '\0')));
    return may ? this::same : null;
  }

  /**
   * An object of the selection equal on both sides: the live object still names an object of the
   * backup by its old id when that object was re-created under a new one, so it is written again
   * with its references rewritten (counted updated, not unchanged); when one of those objects is
   * still awaiting its id, it is {@link #link linked} later.
   */
  void same(String entity, String id, JsonNode backup) throws InterruptedException {
    if (!selection.contains(entity, id)) {
      return;
    }
    writes.submit(
        () -> {
          IdRewriter.Rewritten body = ids.rewrite(entity, backup, this::awaitingId);
          if (body.deferred()) {
            unlinked.add(key(entity, id));
          } else if (!body.record().equals(backup)) {
            relink(entity, id, id, body.record(), null);
          }
        });
  }

  /**
   * After the entities of a cycle are written: writes again, with every reference set, an object
   * that was written with a reference left empty. A refusal makes the object failed rather than
   * restored.
   */
  void link(Difference d) throws InterruptedException {
    if (!unlinked.remove(key(d.entity(), d.id()))) {
      return;
    }
    String id = d.kind() == ChangeKind.REMOVED ? liveId(d) : d.id();
    JsonNode body = ids.rewrite(d.entity(), d.backup());
    writes.submit(() -> relink(d.entity(), d.id(), id, body, d.kind()));
  }

  /** {@link #link} for an object equal on both sides ({@link #same}). */
  void linkSame(String entity, String id, JsonNode backup) throws InterruptedException {
    if (unlinked.remove(key(entity, id))) {
      JsonNode body = ids.rewrite(entity, backup);
      writes.submit(() -> relink(entity, id, id, body, null));
    }
  }

  /**
   * Writes {@code body} over the live object {@code liveId}.
   *
   * @param kind how the object was written before (CHANGED, REMOVED), null when it was not (it was
   *     equal on both sides)
   */
  private void relink(String entity, String id, String liveId, JsonNode body, ChangeKind kind)
      throws InterruptedException {
    Outcome outcome = writer.update(entity, liveId, body);
    boolean whole = selection.whole(entity);
    if (outcome.ok()) {
      if (kind == null) {
        counts.add(
            c -> {
              c.updated++;
              c.unchanged -= whole ? 1 : 0;
            });
      }
      return;
    }
    counts.add(
        c -> {
          if (kind == ChangeKind.REMOVED) {
            c.created--;
          } else if (kind == ChangeKind.CHANGED) {
            c.updated--;
          } else {
            c.unchanged -= whole ? 1 : 0;
          }
        });
    failed(entity, id, "LINK", outcome);
  }

  /** Waits for every write submitted (the entity's objects are all written). */
  void flush() throws InterruptedException {
    writes.await();
  }

  private void write(Difference d) throws InterruptedException {
    IdRewriter.Rewritten body =
        awaitingId.isEmpty() // outside a cycle: copied only when some reference is renamed
            ? new IdRewriter.Rewritten(ids.rewrite(d.entity(), d.backup()), false)
            : ids.rewrite(d.entity(), d.backup(), this::awaitingId);
    switch (d.kind()) {
      case CHANGED -> {
        Outcome outcome = writer.update(d.entity(), d.id(), body.record());
        if (outcome.ok()) {
          counts.add(c -> c.updated++);
          unlinkedIf(body, d);
          media(d);
        } else {
          failed(d, "UPDATE", outcome);
        }
      }
      case REMOVED -> {
        Outcome outcome;
        try {
          outcome = writer.create(d.entity(), d.id(), body.record());
          if (outcome.ok() && outcome.newId() != null && !outcome.newId().equals(d.id())) {
            renamed.renamed(d.entity(), d.id(), outcome.newId());
            ids.renamed(d.entity(), d.id(), outcome.newId());
          }
        } finally {
          // after the rename: a reference that finds it no longer awaited finds its new id
          awaitingId.remove(key(d.entity(), d.id()));
        }
        if (outcome.ok()) {
          counts.add(c -> c.created++);
          unlinkedIf(body, d);
          media(d);
        } else {
          failed(d, "CREATE", outcome);
        }
      }
      case ADDED -> {} // counted by restore()
    }
  }

  private void unlinkedIf(IdRewriter.Rewritten body, Difference d) {
    if (body.deferred()) {
      unlinked.add(key(d.entity(), d.id()));
    }
  }

  private boolean awaitingId(String entity, String id) {
    return !awaitingId.isEmpty() && awaitingId.contains(key(entity, id));
  }

  private String liveId(Difference d) {
    String renamed = ids.target(d.entity(), d.id());
    return renamed == null ? d.id() : renamed;
  }

  private static String key(String entity, String id) {
    return entity + '\0' + id;
  }

  /** Deletes an ADDED object of the selection (the tenant asked for it). */
  void deleteAdded(Difference d) throws InterruptedException {
    if (d.kind() != ChangeKind.ADDED || !selection.contains(d.entity(), d.id())) {
      return;
    }
    writes.submit(
        () -> {
          Outcome outcome = writer.delete(d.entity(), d.id());
          if (outcome.ok()) {
            counts.add(c -> c.deleted++);
          } else {
            failed(d, "DELETE", outcome);
          }
          counts.add(c -> c.skipped--); // counted as skipped by the first pass
        });
  }

  /** The refusals since the last call (for the error log). */
  List<DataRestoreStore.ErrorRow> drainErrors() {
    synchronized (errors) {
      List<DataRestoreStore.ErrorRow> out = List.copyOf(errors);
      errors.clear();
      return out;
    }
  }

  /** The record is written; its media follow (a refused media file fails the object). */
  private void media(Difference d) throws InterruptedException {
    if (media != null) {
      media.restored(d.entity(), d.backup()).ifPresent(refused -> failed(d, "MEDIA", refused));
    }
  }

  private void failed(Difference d, String action, Outcome outcome) {
    failed(d.entity(), d.id(), action, outcome);
  }

  private void failed(String entity, String id, String action, Outcome outcome) {
    counts.add(c -> c.failed++);
    synchronized (errors) {
      errors.add(
          new DataRestoreStore.ErrorRow(
              0, entity, id, action, outcome.status(), outcome.message()));
    }
  }
}
