package dev.trovekeeper.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trovekeeper.archive.ArchiveId;
import dev.trovekeeper.archive.ArchiveSettings;
import dev.trovekeeper.archive.ArchiveWriter;
import dev.trovekeeper.archive.EntityWriter;
import dev.trovekeeper.archive.Manifest;
import dev.trovekeeper.archive.MediaStore;
import dev.trovekeeper.archive.Origin;
import dev.trovekeeper.source.EntitySchema;
import dev.trovekeeper.source.MediaRef;
import dev.trovekeeper.source.RecordSink;
import dev.trovekeeper.source.SourceException;
import dev.trovekeeper.source.SourceSchema;
import dev.trovekeeper.source.SourceUnauthorized;
import dev.trovekeeper.storage.ObjectStore;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes what a source reads into one archive: each entity as a JSON Lines stream, each media file
 * a record references downloaded (a few at once, through the source's limit) into the project's
 * media store and referenced in the manifest. {@link #finish} waits for the media and writes the
 * manifest; closing without it deletes the archive's parts, {@link #abandon} leaves them (the run
 * was taken over and its new owner rewrites the same archive id).
 *
 * <p>{@code checkpoint} is called on the reading thread between records (the executor reports
 * progress there, at most about once a second, and throws to stop the read).
 */
final class ArchiveSink implements RecordSink, AutoCloseable {

  /** Media URLs recorded as missing in the manifest's metadata, at most. */
  private static final int MISSING_LISTED = 100;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectStore store;
  private final ArchiveSettings settings;
  private final Clock clock;
  private final ArchiveId id;
  private final Origin origin;
  private final MediaStore mediaStore;
  private final OpenedSource source;
  private final BackupProgress progress;
  private final Runnable checkpoint;
  private final ExecutorService downloads;
  private final Semaphore queued;
  private final Set<String> seenUrls = new HashSet<>();
  private final List<String> missing = new ArrayList<>();
  private final AtomicReference<RuntimeException> mediaFailure = new AtomicReference<>();
  private ArchiveWriter writer;
  private EntityWriter current;
  private SourceSchema schema;
  private boolean abandoned;

  ArchiveSink(
      ObjectStore store,
      ArchiveSettings settings,
      Clock clock,
      ArchiveId id,
      Origin origin,
      MediaStore mediaStore,
      OpenedSource source,
      BackupProgress progress,
      Runnable checkpoint) {
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.id = id;
    this.origin = origin;
    this.mediaStore = mediaStore;
    this.source = source;
    this.progress = progress;
    this.checkpoint = checkpoint;
    int threads = Math.max(1, source.mediaConcurrency());
    this.downloads =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "dataset-media");
              t.setDaemon(true);
              return t;
            });
    // a bounded queue: the reader waits instead of piling up URLs in memory
    this.queued = new Semaphore(threads * 4);
  }

  @Override
  public void begin(SourceSchema schema) {
    this.schema = schema;
    // deletes the leftovers of an earlier attempt of the same run (same archive id)
    writer =
        ArchiveWriter.start(
            store,
            settings,
            clock,
            id,
            new ArchiveWriter.Header(schema.kind(), origin, JSON.valueToTree(schema)));
    progress.begin(schema.entities().size());
    checkpoint.run();
  }

  @Override
  public void entityStart(EntitySchema entity) {
    current = writer.entity(entity.name());
    progress.entity(entity.name());
  }

  @Override
  public void entityTotal(String entity, long total) {
    progress.total(total);
  }

  @Override
  public void record(JsonNode record) {
    rethrowMediaFailure();
    byte[] line;
    try {
      line = JSON.writeValueAsBytes(record);
    } catch (JsonProcessingException e) {
      throw new SourceException("a record cannot be written as JSON", false, e);
    }
    current.write(line);
    progress.record(line.length);
    checkpoint.run();
  }

  @Override
  public void media(MediaRef media) {
    rethrowMediaFailure();
    if (!seenUrls.add(media.url())) {
      return; // one download per URL and backup
    }
    try {
      queued.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReadInterrupted();
    }
    downloads.execute(() -> download(media.url()));
  }

  @Override
  public void entityEnd(String entity, long records) {
    current.close();
    current = null;
    progress.entityDone();
    checkpoint.run();
  }

  private void download(String url) {
    try (InputStream in = source.openMedia(url)) {
      var ref = mediaStore.store(id.projectId(), id.backupId(), in, "application/octet-stream");
      writer.media(ref, url);
      progress.media(ref);
    } catch (SourceUnauthorized e) {
      mediaFailure.compareAndSet(null, e);
    } catch (SourceException e) {
      if (e.transientFailure()) {
        mediaFailure.compareAndSet(null, e);
      } else {
        // a dead link in a record: the backup goes on, the manifest says which media is missing
        synchronized (missing) {
          if (missing.size() < MISSING_LISTED) {
            missing.add(url);
          }
        }
        progress.mediaMissing();
      }
    } catch (InterruptedException e) {
      mediaFailure.compareAndSet(null, new ReadInterrupted());
    } catch (java.io.IOException e) {
      mediaFailure.compareAndSet(null, new SourceException("reading a media file failed", true, e));
    } catch (RuntimeException e) {
      mediaFailure.compareAndSet(null, e);
    } finally {
      queued.release();
    }
  }

  private void rethrowMediaFailure() {
    RuntimeException failure = mediaFailure.get();
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Waits for the media downloads, then writes the manifest: from here on the archive is a backup.
   */
  Manifest finish() throws InterruptedException {
    if (writer == null) {
      throw new SourceException("the source read nothing", false);
    }
    downloads.shutdown();
    while (!downloads.awaitTermination(500, TimeUnit.MILLISECONDS)) {
      rethrowMediaFailure();
      checkpoint.run();
    }
    rethrowMediaFailure();
    ObjectNode metadata = JSON.createObjectNode();
    var order = metadata.putArray("entityOrder");
    schema.entities().forEach(e -> order.add(e.name()));
    metadata.set("cycles", JSON.valueToTree(schema.cycles()));
    if (!missing.isEmpty()) {
      metadata.set("mediaMissing", JSON.valueToTree(missing));
    }
    return writer.finish(metadata);
  }

  /** Leaves what was uploaded for the run's new owner (it was taken over). */
  void abandon() {
    abandoned = true;
    downloads.shutdownNow();
    if (writer != null) {
      writer.abandon();
    }
  }

  /** Without {@link #finish} (and not abandoned): deletes what the archive uploaded. */
  @Override
  public void close() {
    downloads.shutdownNow();
    if (writer != null && !abandoned) {
      try {
        downloads.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      writer.close();
    }
  }

  /** The read was interrupted (the step is being stopped). */
  static final class ReadInterrupted extends RuntimeException {
    ReadInterrupted() {
      super("interrupted");
    }
  }
}
