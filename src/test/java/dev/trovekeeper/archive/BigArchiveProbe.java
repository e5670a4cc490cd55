package dev.trovekeeper.archive;

import dev.trovekeeper.storage.FilesystemObjectStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import java.util.UUID;

/**
 * Writes an archive of {@code args[1]} MB of generated JSON Lines into a filesystem store at {@code
 * args[0]} with a small part size, reads it all back, and prints one line: {@code OK <records>
 * <jsonBytes> <storedBytes> <parts> <writeMillis> <readMillis> <peakHeapBytes>}. Run in a child JVM
 * with a small {@code -Xmx} by {@link BoundedMemoryTest}: it would fail with OutOfMemoryError if
 * the archive were held in memory.
 */
public final class BigArchiveProbe {

  private BigArchiveProbe() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    long targetBytes = Long.parseLong(args[1]) * 1024 * 1024;
    ArchiveSettings settings =
        ArchiveSettings.defaults().withTempDir(root.resolve("staging")).withPartSize(1024 * 1024);
    FilesystemObjectStore store = new FilesystemObjectStore(root.resolve("objects"));
    ArchiveId id = new ArchiveId("probe", UUID.randomUUID(), UUID.randomUUID());
    Random random = new Random(7);
    long start = System.nanoTime();
    Manifest manifest;
    try (ArchiveWriter archive =
        ArchiveWriter.start(
            store,
            settings,
            Clock.systemUTC(),
            id,
            new ArchiveWriter.Header("REST", Origin.AUTO, null))) {
      try (EntityWriter products = archive.entity("products")) {
        long written = 0;
        for (long i = 0; written < targetBytes; i++) {
          byte[] line = ArchiveJson.MAPPER.writeValueAsBytes(TestRecords.product(i, random));
          products.write(line);
          written += line.length + 1;
        }
      }
      manifest = archive.finish(null);
    }
    long writeMillis = (System.nanoTime() - start) / 1_000_000;
    start = System.nanoTime();
    long read = 0;
    try (RecordStream<byte[]> lines = ArchiveReader.open(store, settings, id).lines("products")) {
      while (lines.hasNext()) {
        lines.next();
        read++;
      }
    }
    long readMillis = (System.nanoTime() - start) / 1_000_000;
    Manifest.Entity entity = manifest.entity("products").orElseThrow();
    if (read != entity.records()) {
      throw new IllegalStateException("read " + read + " of " + entity.records());
    }
    long peak =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .mapToLong(p -> p.getPeakUsage().getUsed())
            .sum();
    System.out.printf(
        "OK %d %d %d %d %d %d %d%n",
        entity.records(),
        entity.uncompressedBytes(),
        manifest.storedBytes(),
        entity.parts().size(),
        writeMillis,
        readMillis,
        peak);
  }
}
