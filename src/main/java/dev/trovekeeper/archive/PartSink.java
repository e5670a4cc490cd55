package dev.trovekeeper.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/**
 * One part being written: JSON lines go through a buffer and the compressor into a staged file,
 * hashed and counted on the way out. Never flushed before {@link #finish}, since flushing a zstd
 * stream ends a block and costs ratio.
 */
final class PartSink {

  private static final int BUFFER = 64 * 1024;

  private final StagedFile staged;
  private final MessageDigest digest = Sha256.digest();
  private final CountingOutputStream compressed;
  private final CountingOutputStream uncompressed;
  private final OutputStream lines;
  private long records;

  PartSink(ArchiveSettings settings) throws IOException {
    this.staged = StagedFile.create(settings.tempDir(), "part-");
    OutputStream file = Files.newOutputStream(staged.path());
    this.compressed = new CountingOutputStream(new DigestOutputStream(file, digest));
    this.uncompressed =
        new CountingOutputStream(settings.compression().compress(compressed, settings.zstdLevel()));
    this.lines = new BufferedOutputStream(uncompressed, BUFFER);
  }

  void write(byte[] line, int length) throws IOException {
    lines.write(line, 0, length);
    lines.write('\n');
    records++;
  }

  /** Compressed bytes that reached the file so far (lags the input by the compressor's buffer). */
  long compressedBytes() {
    return compressed.count();
  }

  long records() {
    return records;
  }

  /** Ends the frame and closes the file; the staged file stays until {@link #discard}. */
  Finished finish() throws IOException {
    lines.close();
    return new Finished(staged, compressed.count(), Sha256.hex(digest), uncompressed.count());
  }

  /** Closes and deletes the staged file, after a failure. */
  void discard() {
    try {
      lines.close();
    } catch (IOException | RuntimeException e) {
      // already failing; the file is deleted below anyway
    }
    staged.close();
  }

  /** A finished part, staged on disk. */
  record Finished(StagedFile file, long size, String sha256, long uncompressedBytes) {}
}
