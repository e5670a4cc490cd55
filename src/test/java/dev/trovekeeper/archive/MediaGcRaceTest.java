package dev.trovekeeper.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.storage.FilesystemObjectStore;
import dev.trovekeeper.storage.ObjectKey;
import dev.trovekeeper.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, must show 6: media garbage collection racing backups, many times over. The collector
 * runs without pause and with no grace period (the worst case); backups keep storing the same media
 * that the previous backup just released. No manifest may ever reference a missing object.
 */
class MediaGcRaceTest {

  private static final String PROJECT = "race-project";
  private static final int ITERATIONS = 200;
  private static final int BACKUP_THREADS = 2;
  private static final int IMAGES = 4;

  @TempDir Path temp;

  @Test
  void noManifestEverReferencesAMissingMediaObject() throws Exception {
    DataSource dataSource = MediaDatabase.create();
    ObjectStore store = new FilesystemObjectStore(temp.resolve("objects"));
    ArchiveSettings settings =
        ArchiveSettings.defaults()
            .withTempDir(temp.resolve("staging"))
            .withGraces(Duration.ZERO, Duration.ZERO);
    Clock clock = Clock.systemUTC();
    MediaStore media = new MediaStore(store, dataSource, settings, clock);
    MediaGarbageCollector collector = new MediaGarbageCollector(store, dataSource, settings, clock);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger deletedByGc = new AtomicInteger();
    AtomicInteger uploads = new AtomicInteger();
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger iterations = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(BACKUP_THREADS + 1);
    Future<?> gc =
        threads.submit(
            () -> {
              while (running.get()) {
                deletedByGc.addAndGet(collector.collect().deleted());
              }
              return null;
            });
    List<Future<?>> backups = new ArrayList<>();
    for (int t = 0; t < BACKUP_THREADS; t++) {
      UUID dataset = UUID.randomUUID();
      List<byte[]> images = new ArrayList<>();
      for (int i = 0; i < IMAGES; i++) {
        images.add(MediaStoreTest.content(100 * t + i, 2_000 + i));
      }
      backups.add(
          threads.submit(
              () -> {
                while (iterations.incrementAndGet() <= ITERATIONS) {
                  Manifest manifest =
                      backup(store, media, settings, clock, dataset, images, uploads);
                  problems.addAll(missing(store, manifest, "right after finish"));
                  Thread.yield(); // let the collector look at it while it is referenced
                  problems.addAll(missing(store, manifest, "a moment later"));
                  // retention deletes it: its media are now unreferenced, and the next backup of
                  // the same media races the collector that is about to delete them
                  forget(store, media, manifest);
                }
                // one backup kept, for the verifier at the end
                return backup(store, media, settings, clock, dataset, images, uploads);
              }));
    }
    for (Future<?> backup : backups) {
      backup.get(10, TimeUnit.MINUTES);
    }
    running.set(false);
    gc.get(1, TimeUnit.MINUTES);
    threads.shutdown();

    assertThat(problems).isEmpty();
    ArchiveVerifier.Report report = new ArchiveVerifier(store).verify(ArchiveKeys.ARCHIVES);
    assertThat(report.problems()).isEmpty();
    assertThat(report.manifests()).isEqualTo(BACKUP_THREADS);
    // the race really happened: the collector deleted media that backups then uploaded again
    assertThat(deletedByGc.get()).isPositive();
    assertThat(uploads.get()).isGreaterThan(BACKUP_THREADS * IMAGES);
  }

  private static Manifest backup(
      ObjectStore store,
      MediaStore media,
      ArchiveSettings settings,
      Clock clock,
      UUID dataset,
      List<byte[]> images,
      AtomicInteger uploads) {
    UUID backupId = UUID.randomUUID();
    ArchiveId id = new ArchiveId(PROJECT, dataset, backupId);
    try (ArchiveWriter archive =
        ArchiveWriter.start(
            store, settings, clock, id, new ArchiveWriter.Header("REST", Origin.AUTO, null))) {
      try (EntityWriter products = archive.entity("products")) {
        for (int i = 0; i < images.size(); i++) {
          products.write(("{\"id\":" + i + "}").getBytes());
          MediaRef ref =
              media.store(PROJECT, backupId, new ByteArrayInputStream(images.get(i)), "image/png");
          if (ref.uploaded()) {
            uploads.incrementAndGet();
          }
          archive.media(ref, "https://shop.example/" + i + ".png");
        }
      }
      return archive.finish(null);
    }
  }

  private static List<String> missing(ObjectStore store, Manifest manifest, String when) {
    List<String> problems = new ArrayList<>();
    for (Manifest.Media m : manifest.media()) {
      if (!store.exists(ObjectKey.of(m.key()))) {
        problems.add(when + ": backup " + manifest.backupId() + " references missing " + m.key());
      }
    }
    return problems;
  }

  private static void forget(ObjectStore store, MediaStore media, Manifest manifest) {
    store.delete(ArchiveKeys.manifest(manifest.id())); // the manifest first: no longer a backup
    ArchiveWriter.deleteAll(store, ArchiveKeys.backupPrefix(manifest.id()));
    media.release(manifest.backupId());
  }
}
