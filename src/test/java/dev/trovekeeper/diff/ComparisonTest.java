package dev.trovekeeper.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trovekeeper.archive.ArchiveException;
import dev.trovekeeper.archive.ArchiveId;
import dev.trovekeeper.archive.ArchiveReader;
import dev.trovekeeper.archive.ArchiveSettings;
import dev.trovekeeper.archive.ArchiveWriter;
import dev.trovekeeper.archive.EntityWriter;
import dev.trovekeeper.archive.Manifest;
import dev.trovekeeper.archive.Origin;
import dev.trovekeeper.source.EntitySchema;
import dev.trovekeeper.source.RecordSink;
import dev.trovekeeper.storage.FilesystemObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore's comparison on a real archive (filesystem store): the backup is read on a thread of
 * its own while the live side is read, so the backup's reading fills the live source's waits for
 * its rate limit instead of coming before them; a failure on either side stops the other and leaves
 * no sorted file behind.
 */
class ComparisonTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int RECORDS = 2_000;

  @TempDir Path temp;
  private FilesystemObjectStore store;
  private ArchiveSettings settings;
  private ArchiveId id;
  private Path sorting;

  @BeforeEach
  void writeBackup() throws Exception {
    store = new FilesystemObjectStore(temp.resolve("objects"));
    settings =
        ArchiveSettings.defaults().withTempDir(temp.resolve("staging")).withPartSize(16 * 1024);
    sorting = Files.createDirectories(temp.resolve("sorting"));
    id = new ArchiveId("demo-project-a", UUID.randomUUID(), UUID.randomUUID());
    try (ArchiveWriter archive =
        ArchiveWriter.start(
            store,
            settings,
            Clock.systemUTC(),
            id,
            new ArchiveWriter.Header("REST", Origin.MANUAL, null))) {
      try (EntityWriter products = archive.entity("products")) {
        for (int i = 1; i <= RECORDS; i++) {
          products.write(product(i, "p" + i));
        }
      }
      archive.finish(null);
    }
  }

  @Test
  void theBackupIsReadOnItsOwnThreadWhileTheLiveSideIsRead() throws Exception {
    CountDownLatch liveStarted = new CountDownLatch(1);
    List<String> backupThreads = new ArrayList<>();
    Comparison.Listener backupListener =
        listener(
            () -> {
              if (backupThreads.isEmpty()) {
                backupThreads.add(Thread.currentThread().getName());
                // read one after the other, the live side would start only after the backup
                assertThat(await(liveStarted)).as("the live side is read meanwhile").isTrue();
              }
            });
    List<Comparison.Difference> differences = new ArrayList<>();
    long unchanged;
    try (Comparison comparison =
        Comparison.read(
            reader(),
            sink -> {
              liveStarted.countDown();
              feed(sink);
            },
            sorting,
            4_096,
            backupListener,
            listener(() -> {}),
            () -> {})) {
      unchanged = comparison.compare("products", differences::add, () -> {});
    }
    assertThat(backupThreads).hasSize(1).doesNotContain(Thread.currentThread().getName());
    assertThat(differences)
        .extracting(Comparison.Difference::id, Comparison.Difference::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1", ChangeKind.CHANGED),
            org.assertj.core.groups.Tuple.tuple("2", ChangeKind.REMOVED));
    assertThat(unchanged).isEqualTo(RECORDS - 2);
    assertThat(files(sorting)).as("sorted runs deleted on close").isEmpty();
  }

  @Test
  void aFailingLiveSideStopsTheBackupReadAndLeavesNoFile() throws Exception {
    CountDownLatch backupStarted = new CountDownLatch(1);
    IllegalStateException down = new IllegalStateException("the source is down");
    assertThatThrownBy(
            () ->
                Comparison.read(
                    reader(),
                    sink -> {
                      assertThat(await(backupStarted)).isTrue();
                      throw down;
                    },
                    sorting,
                    4_096,
                    listener(backupStarted::countDown),
                    listener(() -> {}),
                    () -> {}))
        .isSameAs(down);
    assertThat(files(sorting)).isEmpty();
    assertThat(files(temp.resolve("staging"))).isEmpty();
  }

  @Test
  void anUnreadableBackupStopsTheLiveSideAtItsNextRecord() throws Exception {
    Manifest manifest = ArchiveReader.open(store, settings, id).manifest();
    Path part = temp.resolve("objects").resolve(manifest.entities().get(0).parts().get(0).key());
    Files.write(part, new byte[] {1, 2, 3});
    AtomicInteger fed = new AtomicInteger();
    int most = 20_000;
    assertThatThrownBy(
            () ->
                Comparison.read(
                    reader(),
                    sink -> {
                      sink.entityStart(schema());
                      for (int i = 1; i <= most; i++) {
                        sink.record(product(i, "p" + i));
                        fed.incrementAndGet();
                        Thread.sleep(1);
                      }
                      sink.entityEnd("products", most);
                    },
                    sorting,
                    4_096,
                    listener(() -> {}),
                    listener(() -> {}),
                    () -> {}))
        .isInstanceOf(ArchiveException.class);
    assertThat(fed.get()).as("the live side stopped early").isLessThan(most);
    assertThat(files(sorting)).isEmpty();
  }

  private ArchiveReader reader() {
    return ArchiveReader.open(store, settings, id);
  }

  /** The live side: the backup with product 1 changed, product 2 gone. */
  private static void feed(RecordSink sink) {
    sink.entityStart(schema());
    for (int i = 1; i <= RECORDS; i++) {
      if (i != 2) {
        sink.record(product(i, i == 1 ? "changed" : "p" + i));
      }
    }
    sink.entityEnd("products", RECORDS - 1);
  }

  private static EntitySchema schema() {
    return new EntitySchema("products", List.of("id"), null, List.of(), List.of(), Map.of());
  }

  private static ObjectNode product(long id, String title) {
    return JSON.createObjectNode().put("id", id).put("title", title).put("price", id % 100);
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Comparison.Listener listener(Runnable onRecord) {
    return new Comparison.Listener() {
      @Override
      public void entity(String name) {}

      @Override
      public void record() {
        onRecord.run();
      }
    };
  }

  private static List<Path> files(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.toList();
    }
  }
}
