package dev.trovekeeper.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex. */
final class Sha256 {

  private static final int BUFFER = 64 * 1024;

  private Sha256() {}

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Copies {@code in} to {@code out} (which may be null to only hash) and returns the hash and the
   * number of bytes.
   */
  static Hashed copy(InputStream in, OutputStream out) throws IOException {
    MessageDigest digest = digest();
    byte[] buffer = new byte[BUFFER];
    long total = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      digest.update(buffer, 0, n);
      if (out != null) {
        out.write(buffer, 0, n);
      }
      total += n;
    }
    return new Hashed(hex(digest), total);
  }

  /** A hash and the length of what was hashed. */
  record Hashed(String sha256, long size) {}
}
