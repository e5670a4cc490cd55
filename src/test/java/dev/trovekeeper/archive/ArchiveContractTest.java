package dev.trovekeeper.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trovekeeper.storage.ObjectInfo;
import dev.trovekeeper.storage.ObjectKey;
import dev.trovekeeper.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing and reading archives, the same on every {@link ObjectStore} adapter. */
abstract class ArchiveContractTest {

  @TempDir Path temp;

  protected abstract ObjectStore store();

  ArchiveSettings settings() {
    return ArchiveSettings.defaults().withTempDir(temp.resolve("staging")).withPartSize(16 * 1024);
  }

  static ArchiveId newId() {
    return new ArchiveId("demo-project-a", UUID.randomUUID(), UUID.randomUUID());
  }

  static ArchiveWriter.Header header() {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.putObject("products").put("id", "id");
    return new ArchiveWriter.Header("REST", Origin.MANUAL, schema);
  }

  /** Writes {@code count} products (and 3 orders) and finishes the archive. */
  Manifest writeArchive(ArchiveId id, ArchiveSettings settings, int count) {
    Random random = new Random(42);
    try (ArchiveWriter archive =
        ArchiveWriter.start(store(), settings, Clock.systemUTC(), id, header())) {
      try (EntityWriter products = archive.entity("products")) {
        for (int i = 0; i < count; i++) {
          products.write(TestRecords.product(i, random));
        }
      }
      try (EntityWriter orders = archive.entity("orders")) {
        for (int i = 0; i < 3; i++) {
          orders.write(("{\"id\":" + i + ",\"customer_id\":7}").getBytes(StandardCharsets.UTF_8));
        }
      }
      archive.entity("empty").close();
      ObjectNode metadata = JsonNodeFactory.instance.objectNode();
      metadata.putArray("order").add("products").add("orders");
      return archive.finish(metadata);
    }
  }

  private List<JsonNode> readAll(ArchiveId id, String entity) {
    List<JsonNode> records = new ArrayList<>();
    try (RecordStream<JsonNode> stream =
        ArchiveReader.open(store(), settings(), id).records(entity)) {
      stream.forEachRemaining(records::add);
    }
    return records;
  }

  @Test
  void recordsComeBackInOrderAcrossManyParts() {
    ArchiveId id = newId();
    Manifest manifest = writeArchive(id, settings(), 3000);

    Manifest.Entity products = manifest.entity("products").orElseThrow();
    assertThat(products.records()).isEqualTo(3000);
    assertThat(products.parts()).hasSizeGreaterThan(3);
    assertThat(products.parts().stream().mapToLong(Manifest.Part::records).sum()).isEqualTo(3000);
    List<JsonNode> read = readAll(id, "products");
    Random random = new Random(42);
    assertThat(read).hasSize(3000);
    for (int i = 0; i < 3000; i++) {
      assertThat(read.get(i).toString()).isEqualTo(TestRecords.product(i, random).toString());
    }
    assertThat(readAll(id, "orders")).extracting(n -> n.get("id").asInt()).containsExactly(0, 1, 2);
    assertThat(readAll(id, "empty")).isEmpty();
  }

  @Test
  void manifestHoldsWhatTheCallerGaveAndEveryPart() throws IOException {
    ArchiveId id = newId();
    Manifest written = writeArchive(id, settings(), 500);

    Manifest read = ArchiveReader.open(store(), settings(), id).manifest();
    assertThat(read).isEqualTo(written);
    assertThat(read.formatVersion()).isEqualTo(1);
    assertThat(read.origin()).isEqualTo(Origin.MANUAL);
    assertThat(read.sourceKind()).isEqualTo("REST");
    assertThat(read.compression()).isEqualTo("zstd");
    assertThat(read.schema().path("products").path("id").asText()).isEqualTo("id");
    assertThat(read.metadata().path("order").get(1).asText()).isEqualTo("orders");
    assertThat(read.finishedAt()).isAfterOrEqualTo(read.startedAt());
    assertThat(read.entities())
        .extracting(Manifest.Entity::name)
        .containsExactly("products", "orders", "empty");
    for (Manifest.Part part : read.entity("products").orElseThrow().parts()) {
      ObjectInfo info = store().stat(ObjectKey.of(part.key())).orElseThrow();
      assertThat(info.size()).isEqualTo(part.size());
      try (InputStream in = store().get(ObjectKey.of(part.key()))) {
        assertThat(Sha256.copy(in, null).sha256()).isEqualTo(part.sha256());
      }
    }
  }

  @Test
  void gzipIsSelectable() {
    ArchiveId id = newId();
    Manifest manifest = writeArchive(id, settings().withCompression(Compression.GZIP, 3), 1000);

    assertThat(manifest.compression()).isEqualTo("gzip");
    assertThat(manifest.entity("products").orElseThrow().parts().get(0).key())
        .endsWith(".jsonl.gz");
    assertThat(readAll(id, "products")).hasSize(1000);
  }

  @Test
  void writerThatFailsLeavesNoManifestAndNoParts() {
    ArchiveId id = newId();
    assertThatThrownBy(
            () -> {
              try (ArchiveWriter archive =
                  ArchiveWriter.start(store(), settings(), Clock.systemUTC(), id, header())) {
                EntityWriter products = archive.entity("products");
                Random random = new Random(1);
                for (int i = 0; i < 2000; i++) {
                  products.write(TestRecords.product(i, random));
                }
                throw new IllegalStateException("source went away");
              }
            })
        .hasMessage("source went away");

    assertThat(store().exists(ArchiveKeys.manifest(id))).isFalse();
    try (Stream<ObjectInfo> left = store().list(ArchiveKeys.backupPrefix(id))) {
      assertThat(left).isEmpty();
    }
    assertThatThrownBy(() -> ArchiveReader.open(store(), settings(), id))
        .isInstanceOf(ArchiveException.class)
        .hasMessageContaining("not a (complete) backup");
  }

  @Test
  void crashedWriterLeavesPartsThatTheCleanerRemovesAfterTheGracePeriod() {
    ArchiveId crashed = newId();
    ArchiveWriter archive =
        ArchiveWriter.start(store(), settings(), Clock.systemUTC(), crashed, header());
    EntityWriter products = archive.entity("products");
    Random random = new Random(1);
    for (int i = 0; i < 2000; i++) {
      products.write(TestRecords.product(i, random));
    }
    // the process dies here: neither finish nor close runs
    ArchiveId complete = newId();
    writeArchive(complete, settings(), 100);
    String project = ArchiveKeys.projectPrefix("demo-project-a");

    IncompleteArchiveCleaner now =
        new IncompleteArchiveCleaner(store(), settings(), Clock.systemUTC());
    assertThat(now.findIncomplete(project)).contains(crashed).doesNotContain(complete);
    assertThat(now.deleteIncomplete(project)).doesNotContain(crashed); // still within the grace
    IncompleteArchiveCleaner later =
        new IncompleteArchiveCleaner(
            store(), settings(), Clock.offset(Clock.systemUTC(), Duration.ofDays(3)));
    assertThat(later.deleteIncomplete(project)).contains(crashed).doesNotContain(complete);

    try (Stream<ObjectInfo> left = store().list(ArchiveKeys.backupPrefix(crashed))) {
      assertThat(left).isEmpty();
    }
    assertThat(store().exists(ArchiveKeys.manifest(complete))).isTrue();
  }

  @Test
  void readerRefusesATamperedPartBeforeHandingOutItsRecords() {
    ArchiveId id = newId();
    Manifest manifest = writeArchive(id, settings(), 3000);
    Manifest.Part second = manifest.entity("products").orElseThrow().parts().get(1);
    byte[] tampered = readObject(second.key());
    tampered[tampered.length / 2] ^= 0x01;
    store()
        .put(
            ObjectKey.of(second.key()),
            new ByteArrayInputStream(tampered),
            tampered.length,
            "application/zstd");

    long firstPartRecords = manifest.entity("products").orElseThrow().parts().get(0).records();
    List<JsonNode> read = new ArrayList<>();
    assertThatThrownBy(
            () -> {
              try (RecordStream<JsonNode> stream =
                  ArchiveReader.open(store(), settings(), id).records("products")) {
                stream.forEachRemaining(read::add);
              }
            })
        .isInstanceOf(ArchiveException.class)
        .hasMessageContaining(second.key())
        .hasMessageContaining("does not match the manifest");
    assertThat(read).hasSize((int) firstPartRecords);
  }

  @Test
  void finishedArchiveIsNeverOverwritten() {
    ArchiveId id = newId();
    writeArchive(id, settings(), 10);

    assertThatThrownBy(
            () -> ArchiveWriter.start(store(), settings(), Clock.systemUTC(), id, header()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already complete");
  }

  @Test
  void recordsWithLineBreaksAreRefused() {
    ArchiveId id = newId();
    try (ArchiveWriter archive =
        ArchiveWriter.start(store(), settings(), Clock.systemUTC(), id, header())) {
      EntityWriter raw = archive.entity("raw");
      assertThatThrownBy(() -> raw.write("{\"a\":1}\n{\"b\":2}".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> archive.entity("raw")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void verifierAcceptsAGoodArchiveAndReportsTamperingMissingMediaAndMissingManifest() {
    ArchiveId good = newId();
    writeArchive(good, settings(), 200);
    ArchiveVerifier verifier = new ArchiveVerifier(store());
    assertThat(verifier.verify(ArchiveKeys.backupPrefix(good)).problems()).isEmpty();

    ArchiveId bad = newId();
    Manifest manifest;
    try (ArchiveWriter archive =
        ArchiveWriter.start(store(), settings(), Clock.systemUTC(), bad, header())) {
      try (EntityWriter products = archive.entity("products")) {
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
          products.write(TestRecords.product(i, random));
        }
      }
      archive.media(
          new MediaRef(
              "cd" + "0".repeat(62),
              10,
              ArchiveKeys.media("demo-project-a", "cd" + "0".repeat(62)),
              false),
          "https://shop.example/img/gone.jpg");
      manifest = archive.finish(null);
    }
    Manifest.Part first = manifest.entity("products").orElseThrow().parts().get(0);
    byte[] tampered = readObject(first.key());
    tampered[5] ^= 0x10;
    store()
        .put(ObjectKey.of(first.key()), new ByteArrayInputStream(tampered), tampered.length, "x/y");
    ArchiveId unfinished = newId();
    ArchiveWriter crashed =
        ArchiveWriter.start(store(), settings(), Clock.systemUTC(), unfinished, header());
    EntityWriter products = crashed.entity("products");
    Random random = new Random(5);
    for (int i = 0; i < 2000; i++) {
      products.write(TestRecords.product(i, random));
    }

    ArchiveVerifier.Report report = verifier.verify(ArchiveKeys.projectPrefix("demo-project-a"));

    assertThat(report.problems())
        .anySatisfy(p -> assertThat(p).contains(first.key()).contains("sha256"))
        .anySatisfy(p -> assertThat(p).contains("media").contains("cd000").contains("missing"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(ArchiveKeys.backupPrefix(unfinished))
                    .contains("no manifest"))
        .noneSatisfy(p -> assertThat(p).contains(good.backupId().toString()));
    assertThat(verifier.verify("archives/nobody/").problems())
        .singleElement()
        .satisfies(p -> assertThat(p).contains("no manifest.json"));
  }

  byte[] readObject(String key) {
    try (InputStream in = store().get(ObjectKey.of(key))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
