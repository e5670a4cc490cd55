package dev.trovekeeper.archive;

import dev.trovekeeper.storage.ObjectKey;
import dev.trovekeeper.storage.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Iterator;

/**
 * The lines of one entity, part after part. A part is first downloaded to a staged file and checked
 * (size, SHA-256, then its record count once read) before its lines are handed out.
 */
final class PartLines implements AutoCloseable {

  private static final int BUFFER = 64 * 1024;

  private final ObjectStore store;
  private final ArchiveSettings settings;
  private final Compression compression;
  private final Iterator<Manifest.Part> parts;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final byte[] buffer = new byte[BUFFER];
  // the unread bytes of the part being read are buffer[position, limit)
  private int position;
  private int limit;
  private Manifest.Part part;
  private StagedFile staged;
  private InputStream in;
  private long linesInPart;

  PartLines(
      ObjectStore store,
      ArchiveSettings settings,
      Compression compression,
      Manifest.Entity entity) {
    this.store = store;
    this.settings = settings;
    this.compression = compression;
    this.parts = entity.parts().iterator();
  }

  /** The next line without its line break, or null after the last part. */
  byte[] next() throws IOException {
    while (true) {
      if (in == null && !openNextPart()) {
        return null;
      }
      byte[] read = readLine();
      if (read != null) {
        linesInPart++;
        return read;
      }
      if (linesInPart != part.records()) {
        throw new ArchiveException(
            "part "
                + part.key()
                + " has "
                + linesInPart
                + " records, manifest says "
                + part.records());
      }
      closePart();
    }
  }

  private boolean openNextPart() throws IOException {
    if (!parts.hasNext()) {
      return false;
    }
    part = parts.next();
    staged = StagedFile.create(settings.tempDir(), "read-");
    Sha256.Hashed hashed;
    try (InputStream object = store.get(ObjectKey.of(part.key()));
        OutputStream file = Files.newOutputStream(staged.path())) {
      hashed = Sha256.copy(object, file);
    }
    if (hashed.size() != part.size() || !hashed.sha256().equals(part.sha256())) {
      throw new ArchiveException(
          "part "
              + part.key()
              + " does not match the manifest: "
              + hashed.size()
              + " bytes sha256 "
              + hashed.sha256()
              + ", expected "
              + part.size()
              + " bytes sha256 "
              + part.sha256());
    }
    in = compression.decompress(Files.newInputStream(staged.path()));
    position = 0;
    limit = 0;
    linesInPart = 0;
    return true;
  }

  /**
   * Scans the decompressed bytes a buffer at a time: a call per byte (two monitors entered per byte
   * of a synchronized stream and line buffer) made reading an archive CPU-bound.
   */
  private byte[] readLine() throws IOException {
    line.reset();
    while (true) {
      if (position == limit) {
        int read = in.read(buffer, 0, buffer.length);
        if (read < 0) {
          if (line.size() > 0) {
            throw new ArchiveException("part " + part.key() + " ends inside a record");
          }
          return null;
        }
        position = 0;
        limit = read;
        continue;
      }
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      if (position == limit) {
        line.write(buffer, start, position - start); // the line goes on in the next buffer
        continue;
      }
      byte[] found;
      if (line.size() == 0) {
        found = Arrays.copyOfRange(buffer, start, position);
      } else {
        line.write(buffer, start, position - start);
        found = line.toByteArray();
      }
      position++; // past the line break
      return found;
    }
  }

  private void closePart() throws IOException {
    try {
      in.close();
    } finally {
      in = null;
      staged.close();
      staged = null;
    }
  }

  @Override
  public void close() throws IOException {
    if (in != null) {
      closePart();
    }
  }
}
