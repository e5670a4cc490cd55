package dev.trovekeeper.dataset;

import dev.trovekeeper.ratelimit.RateLimitStats;
import dev.trovekeeper.source.RecordSink;
import java.io.InputStream;

/**
 * A dataset's source opened for one backup (or diff, or restore): its records, its media, its
 * request counts, a writer back into it.
 */
public interface OpenedSource {

  /** Streams the dataset into {@code sink} (see {@link RecordSink} for the order). */
  void read(RecordSink sink) throws InterruptedException;

  /** Opens a media file a record references, through the source's shared limit. */
  InputStream openMedia(String url) throws InterruptedException;

  /** Requests, 429s and waits of this backup so far; null for a source without a limit (SQL). */
  RateLimitStats stats();

  /** How many media files may be downloaded at once. */
  int mediaConcurrency();

  /**
   * A writer into the same source (a restore): REST through the same shared limit and credentials,
   * SQL into the dataset's tenant only. The caller closes it.
   */
  dev.trovekeeper.source.RecordWriter writer();
}
