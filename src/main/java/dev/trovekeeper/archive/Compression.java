package dev.trovekeeper.archive;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * How parts are compressed. Each part is one complete zstd frame (with its content checksum) or one
 * gzip member, so a part decompresses on its own and concatenated parts decompress too.
 */
public enum Compression {
  ZSTD(".zst", "application/zstd"),
  GZIP(".gz", "application/gzip");

  private static final int GZIP_BUFFER = 64 * 1024;

  private final String suffix;
  private final String contentType;

  Compression(String suffix, String contentType) {
    this.suffix = suffix;
    this.contentType = contentType;
  }

  /** File name suffix of a part, after {@code .jsonl}. */
  public String suffix() {
    return suffix;
  }

  /** MIME type stored with each part. */
  public String contentType() {
    return contentType;
  }

  /** Wraps {@code out}; closing the result finishes the frame and closes {@code out}. */
  OutputStream compress(OutputStream out, int zstdLevel) throws IOException {
    if (this == GZIP) {
      return new GZIPOutputStream(out, GZIP_BUFFER);
    }
    ZstdOutputStream zstd = new ZstdOutputStream(out, zstdLevel);
    zstd.setChecksum(true);
    return zstd;
  }

  /** Wraps {@code in} to decompress it; closing the result closes {@code in}. */
  InputStream decompress(InputStream in) throws IOException {
    return this == GZIP ? new GZIPInputStream(in, GZIP_BUFFER) : new ZstdInputStream(in);
  }
}
