package dev.trovekeeper.datarestore;

import dev.trovekeeper.diff.Comparison.Difference;
import dev.trovekeeper.source.RecordWriter;
import dev.trovekeeper.source.RecordWriter.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the selected differences of one restore attempt back into the source, the objects of an
 * entity in parallel ({@link ParallelWrites}; {@link #flush} before the next entity, so parents are
 * written before their children): a CHANGED object is replaced by the backup's, a REMOVED one
 * re-created from it (its id kept where the source accepts it, else the new id is remembered and
 * later references to it rewritten), an ADDED one is deleted only when the tenant asked for it
 * ({@link #deleteAdded}, called children first), else counted as skipped. A refusal is logged and
 * counted, and the restore goes on.
 */
final class RestoreApplier {

  private final RecordWriter writer;
  private final Selection selection;
  private final IdRewriter ids;
  private final RestoreCounts counts;
  private final MediaRestorer media;
  private final ParallelWrites writes;
  private final List<DataRestoreStore.ErrorRow> errors = new ArrayList<>();

  /**
   * @param media uploads the media of restored records; null when the source takes no uploads
   * @param writes where the writes run
   */
  RestoreApplier(
      RecordWriter writer,
      Selection selection,
      IdRewriter ids,
      RestoreCounts counts,
      MediaRestorer media,
      ParallelWrites writes) {
    this.writes = writes;
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
    if (d.kind() == dev.trovekeeper.diff.ChangeKind.ADDED) {
      counts.add(c -> c.skipped++);
      return;
    }
    writes.submit(() -> write(d));
  }

  /** Waits for every write submitted (the entity's objects are all written). */
  void flush() throws InterruptedException {
    writes.await();
  }

  private void write(Difference d) throws InterruptedException {
    switch (d.kind()) {
      case CHANGED -> {
        Outcome outcome = writer.update(d.entity(), d.id(), ids.rewrite(d.entity(), d.backup()));
        if (outcome.ok()) {
          counts.add(c -> c.updated++);
          media(d);
        } else {
          failed(d, "UPDATE", outcome);
        }
      }
      case REMOVED -> {
        Outcome outcome = writer.create(d.entity(), d.id(), ids.rewrite(d.entity(), d.backup()));
        if (outcome.ok()) {
          counts.add(c -> c.created++);
          if (outcome.newId() != null && !outcome.newId().equals(d.id())) {
            ids.renamed(d.entity(), d.id(), outcome.newId());
          }
          media(d);
        } else {
          failed(d, "CREATE", outcome);
        }
      }
      case ADDED -> {} // counted by restore()
    }
  }

  /** Deletes an ADDED object of the selection (the tenant asked for it). */
  void deleteAdded(Difference d) throws InterruptedException {
    if (d.kind() != dev.trovekeeper.diff.ChangeKind.ADDED
        || !selection.contains(d.entity(), d.id())) {
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
    counts.add(c -> c.failed++);
    synchronized (errors) {
      errors.add(
          new DataRestoreStore.ErrorRow(
              0, d.entity(), d.id(), action, outcome.status(), outcome.message()));
    }
  }
}
