package dev.trovekeeper.storage;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * At most {@code limit} bytes of the caller's stream, counted and MD5-summed (Swift's ETag) while
 * they pass. Closing it does not close the caller's stream. Remembers an {@link IOException} of the
 * caller's stream, so that it is not mistaken for a network error.
 */
final class UploadSlice extends InputStream {

  private final InputStream source;
  private final long limit;
  private final MessageDigest md5;
  private long count;
  private boolean touched;
  private IOException sourceFailure;

  UploadSlice(InputStream source, long limit) {
    this.source = source;
    this.limit = limit;
    try {
      this.md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    touched = true;
    if (count >= limit) {
      return -1;
    }
    int n;
    try {
      n = source.read(buffer, offset, (int) Math.min(length, limit - count));
    } catch (IOException e) {
      sourceFailure = e;
      throw e;
    }
    if (n > 0) {
      md5.update(buffer, offset, n);
      count += n;
    }
    return n;
  }

  @Override
  public void close() {
    // the caller's stream stays open: the port reads it to its end but does not close it
  }

  /** Bytes read so far. */
  long count() {
    return count;
  }

  /** Whether anything was read (after which the slice cannot be sent again). */
  boolean touched() {
    return touched;
  }

  /** The caller's stream failed while being read. */
  IOException sourceFailure() {
    return sourceFailure;
  }

  /** Hex MD5 of what was read, comparable with Swift's ETag. */
  String md5Hex() {
    return HexFormat.of().formatHex(md5.digest());
  }
}
