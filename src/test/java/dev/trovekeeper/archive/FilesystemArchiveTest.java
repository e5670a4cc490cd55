package dev.trovekeeper.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trovekeeper.storage.FilesystemObjectStore;
import dev.trovekeeper.storage.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Archives on the filesystem adapter, plus the command-line verifier and hand restore. */
class FilesystemArchiveTest extends ArchiveContractTest {

  private FilesystemObjectStore store;

  @BeforeEach
  void createStore() {
    store = new FilesystemObjectStore(temp.resolve("objects"));
  }

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Test
  void stagingFilesAreGoneAfterWritingAndReading() throws IOException {
    ArchiveId id = newId();
    writeArchive(id, settings(), 2000);
    try (RecordStream<byte[]> lines = ArchiveReader.open(store, settings(), id).lines("products")) {
      lines.forEachRemaining(line -> {});
    }

    try (Stream<Path> staged = Files.list(temp.resolve("staging"))) {
      assertThat(staged).isEmpty();
    }
  }

  @Test
  void verifyCommandExitsZeroOnAGoodArchiveAndOneWithTheProblems() throws IOException {
    ArchiveId id = newId();
    Manifest manifest = writeArchive(id, settings(), 300);
    String root = temp.resolve("objects").toString();

    assertThat(run(root, ArchiveKeys.backupPrefix(id)))
        .startsWith("0\n")
        .contains("OK: 1 manifest(s)");

    Path part = temp.resolve("objects").resolve(manifest.entities().get(0).parts().get(0).key());
    Files.write(part, new byte[] {1, 2, 3});
    assertThat(run(root, ArchiveKeys.backupPrefix(id)))
        .startsWith("1\n")
        .contains(
            "PROBLEM part " + manifest.entities().get(0).parts().get(0).key() + " has 3 bytes")
        .contains("FAILED");
    Files.delete(temp.resolve("objects").resolve(ArchiveKeys.manifest(id).value()));
    assertThat(run(root, ArchiveKeys.backupPrefix(id)))
        .startsWith("1\n")
        .contains("has no manifest.json");
    assertThat(run(temp.resolve("nowhere").toString())).startsWith("2\n");
  }

  @Test
  void partsDecompressWithTheZstdCommandAndConcatenate() throws Exception {
    Path zstd = Path.of("/usr/bin/zstd");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(zstd), "zstd command");
    ArchiveId id = newId();
    Manifest manifest = writeArchive(id, settings(), 2000);
    Path all = temp.resolve("all.zst");
    try (var out = Files.newOutputStream(all)) {
      for (Manifest.Part part : manifest.entity("products").orElseThrow().parts()) {
        Files.copy(temp.resolve("objects").resolve(part.key()), out);
      }
    }

    Process process =
        new ProcessBuilder(zstd.toString(), "-dc", all.toString())
            .redirectErrorStream(true)
            .start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor()).isZero();
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(text.lines()).hasSize(2000);
    assertThat(text.lines().findFirst().orElseThrow()).startsWith("{\"id\":0,");
  }

  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int status = VerifyCommand.run(args, print, print);
    return status + "\n" + out.toString(StandardCharsets.UTF_8);
  }
}
