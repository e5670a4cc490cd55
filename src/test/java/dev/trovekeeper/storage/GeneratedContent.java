package dev.trovekeeper.storage;

import java.io.InputStream;

/** A stream of {@code size} pseudo-random bytes made on the fly (never held in memory). */
final class GeneratedContent extends InputStream {

  private final long size;
  private long position;
  private long state;

  GeneratedContent(long size, long seed) {
    this.size = size;
    this.state = seed | 1;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (position >= size) {
      return -1;
    }
    int n = (int) Math.min(length, size - position);
    for (int i = 0; i < n; i++) {
      state ^= state << 13;
      state ^= state >>> 7;
      state ^= state << 17;
      buffer[offset + i] = (byte) state;
    }
    position += n;
    return n;
  }
}
