package dev.trovekeeper.datarestore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trovekeeper.ratelimit.RateLimitStats;
import java.time.Duration;
import java.time.Instant;

/**
 * The progress of one restore attempt: the backup and the live data read (at the same time), then
 * every object compared and the differing ones written (the backup's record count estimates the
 * live side's until it is read).
 */
final class RestoreProgress {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Instant startedAt;
  private final long backupTotal;
  private final RestoreCounts counts;
  private volatile String phase = "reading backup";
  private volatile String backupEntity;
  private volatile String liveEntity;
  private volatile long backupRead;
  private volatile long liveRead;
  private volatile long compared;
  private volatile long toCompare;
  private volatile String mediaSkipped;
  private volatile MediaRestorer media;

  RestoreProgress(Instant startedAt, long backupTotal, RestoreCounts counts) {
    this.startedAt = startedAt;
    this.backupTotal = backupTotal;
    this.counts = counts;
    this.toCompare = backupTotal;
  }

  void phase(String phase) {
    this.phase = phase.length() <= 64 ? phase : phase.substring(0, 64);
  }

  String phase() {
    return phase;
  }

  /**
   * The backup's reader (a thread of its own) started {@code entity}: the phase, until the live
   * data's reading starts and once it is done.
   */
  void backupEntity(String entity) {
    backupEntity = entity;
    if (liveEntity == null) {
      phase("reading backup " + entity);
    }
  }

  /** The live data's reader started {@code entity}. */
  void liveEntity(String entity) {
    liveEntity = entity;
    phase("reading live " + entity);
  }

  /** The live data is read; the backup is still being read. */
  void waitingForBackup() {
    phase("reading backup " + (backupEntity == null ? "" : backupEntity));
  }

  void backupRecord() {
    backupRead++;
  }

  void liveRecord() {
    liveRead++;
  }

  /** The objects to compare (both sides read), for the rest of the estimate. */
  void toCompare(long objects) {
    this.toCompare = Math.max(1, objects);
  }

  void compared() {
    compared++;
  }

  void mediaSkipped(String reason) {
    this.mediaSkipped = reason;
  }

  void media(MediaRestorer media) {
    this.media = media;
  }

  long done() {
    return backupRead + liveRead + compared;
  }

  long total() {
    return Math.max(1, backupTotal + Math.max(backupTotal, liveRead) + toCompare);
  }

  /** 5% once started, 95% when every object is compared and written. */
  int percent() {
    return 5 + (int) Math.floor(90 * Math.min(1.0, (double) done() / total()));
  }

  Instant eta(Instant now) {
    double f = Math.min(1.0, (double) done() / total());
    if (f < 0.01) {
      return null;
    }
    long elapsed = Duration.between(startedAt, now).toMillis();
    return now.plusMillis((long) (elapsed * (1 - f) / f));
  }

  /** The counts as the run's {@code progress} JSON. */
  String json(RateLimitStats source) {
    ObjectNode node = JSON.createObjectNode();
    node.put("backupRecords", backupRead).put("liveRecords", liveRead).put("compared", compared);
    node.put("restored", counts.restored());
    node.put("updated", counts.updated).put("created", counts.created);
    node.put("deleted", counts.deleted).put("unchanged", counts.unchanged);
    node.put("skipped", counts.skipped).put("failed", counts.failed);
    if (media != null) {
      node.put("mediaUploaded", media.uploaded()).put("mediaBytesUploaded", media.bytes());
    }
    if (mediaSkipped != null) {
      node.put("mediaSkipped", mediaSkipped);
    }
    if (source != null) {
      node.put("sourceRequests", source.requests());
      node.put("source429s", source.throttled());
      node.put("sourceWaits", source.waits());
    }
    return node.toString();
  }
}
