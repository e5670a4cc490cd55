package dev.trovekeeper.archive;

import dev.trovekeeper.storage.FilesystemObjectStore;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Not a test: measures archive write throughput on the same JSON Lines against the {@code zstd -1}
 * command and gzip -6 (java.util.zip). {@code java -cp <test classpath>
 * dev.trovekeeper.archive.ArchiveBenchmark <dir> <megabytes>}.
 */
public final class ArchiveBenchmark {

  private static final int ROUNDS = 3;

  private ArchiveBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long target = Long.parseLong(args[1]) * 1024 * 1024;
    Files.createDirectories(dir);
    Path jsonl = dir.resolve("input.jsonl");
    Random random = new Random(11);
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(jsonl))) {
      long written = 0;
      for (long i = 0; written < target; i++) {
        byte[] line = ArchiveJson.MAPPER.writeValueAsBytes(TestRecords.product(i, random));
        out.write(line);
        out.write('\n');
        written += line.length + 1;
      }
    }
    long size = Files.size(jsonl);
    System.out.printf("input: %.1f MB JSON Lines%n", size / 1048576.0);
    Files.readAllBytes(jsonl); // warm the page cache for both sides

    long t = System.nanoTime();
    Process zstd =
        new ProcessBuilder(
                "zstd", "-1", "-q", "-f", "-o", dir.resolve("cli.zst").toString(), jsonl.toString())
            .inheritIO()
            .start();
    zstd.waitFor();
    report(
        "zstd -1 (command line)", size, Files.size(dir.resolve("cli.zst")), System.nanoTime() - t);

    t = System.nanoTime();
    try (InputStream in = Files.newInputStream(jsonl);
        OutputStream out =
            new GZIPOutputStream(Files.newOutputStream(dir.resolve("java.gz")), 65536) {
              {
                def.setLevel(Deflater.DEFAULT_COMPRESSION);
              }
            }) {
      in.transferTo(out);
    }
    report(
        "gzip -6 (java.util.zip)", size, Files.size(dir.resolve("java.gz")), System.nanoTime() - t);

    // several rounds: the first ones include JIT warm-up, and the machine is shared
    for (int round = 1; round <= ROUNDS; round++) {
      for (int level : new int[] {1, 3}) {
        archive(dir, jsonl, size, Compression.ZSTD, level, round);
      }
    }
  }

  private static void archive(
      Path dir, Path jsonl, long size, Compression compression, int level, int round)
      throws Exception {
    ArchiveSettings settings =
        ArchiveSettings.defaults()
            .withTempDir(dir.resolve("staging"))
            .withCompression(compression, level);
    FilesystemObjectStore store = new FilesystemObjectStore(dir.resolve("objects"));
    ArchiveId id = new ArchiveId("bench", UUID.randomUUID(), UUID.randomUUID());
    long t = System.nanoTime();
    Manifest manifest;
    try (ArchiveWriter archive =
            ArchiveWriter.start(
                store,
                settings,
                Clock.systemUTC(),
                id,
                new ArchiveWriter.Header("REST", Origin.AUTO, null));
        InputStream in = new BufferedInputStream(Files.newInputStream(jsonl), 1 << 16)) {
      try (EntityWriter products = archive.entity("products")) {
        // split lines from 64 KiB chunks, so the harness costs little next to the writer
        byte[] chunk = new byte[1 << 16];
        ByteArrayOutputStream carry = new ByteArrayOutputStream();
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
          int start = 0;
          for (int i = 0; i < n; i++) {
            if (chunk[i] == '\n') {
              if (carry.size() > 0) {
                carry.write(chunk, start, i - start);
                products.write(carry.toByteArray());
                carry.reset();
              } else {
                products.write(java.util.Arrays.copyOfRange(chunk, start, i));
              }
              start = i + 1;
            }
          }
          carry.write(chunk, start, n - start);
        }
      }
      manifest = archive.finish(null);
    }
    report(
        "round " + round + ": ArchiveWriter zstd -" + level + " (lines in, parts stored)",
        size,
        manifest.storedBytes(),
        System.nanoTime() - t);
  }

  private static void report(String what, long in, long out, long nanos) {
    System.out.printf(
        "%-60s %7.1f MB/s  ratio %.2f  (%d -> %d bytes, %d ms)%n",
        what, in / 1048576.0 / (nanos / 1e9), (double) in / out, in, out, nanos / 1_000_000);
  }
}
