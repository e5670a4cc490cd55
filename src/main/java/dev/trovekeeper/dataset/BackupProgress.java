package dev.trovekeeper.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trovekeeper.archive.MediaRef;
import dev.trovekeeper.ratelimit.RateLimitStats;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counts of one dataset backup attempt, as the run's progress shows them. Records are counted
 * on the reading thread, media on the download threads.
 */
final class BackupProgress {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Instant startedAt;
  private volatile int entities;
  private volatile int entitiesDone;
  private volatile String entity;
  private volatile long entityRecords;
  private volatile long entityTotal = -1;
  private volatile long totalKnown;
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong bytesWritten = new AtomicLong();
  private final AtomicLong mediaDownloaded = new AtomicLong();
  private final AtomicLong mediaDeduplicated = new AtomicLong();
  private final AtomicLong mediaBytesUploaded = new AtomicLong();
  private final AtomicLong mediaMissing = new AtomicLong();

  BackupProgress(Instant startedAt) {
    this.startedAt = startedAt;
  }

  void begin(int entityCount) {
    entities = entityCount;
  }

  void entity(String name) {
    entity = name;
    entityRecords = 0;
    entityTotal = -1;
  }

  void total(long total) {
    entityTotal = total;
    totalKnown += total;
  }

  void record(int bytes) {
    records.incrementAndGet();
    entityRecords++;
    bytesWritten.addAndGet(bytes);
  }

  void entityDone() {
    entitiesDone++;
  }

  void media(MediaRef ref) {
    if (ref.uploaded()) {
      mediaDownloaded.incrementAndGet();
      mediaBytesUploaded.addAndGet(ref.size());
    } else {
      mediaDeduplicated.incrementAndGet();
    }
  }

  void mediaMissing() {
    mediaMissing.incrementAndGet();
  }

  String entity() {
    return entity;
  }

  long records() {
    return records.get();
  }

  long mediaBytesUploaded() {
    return mediaBytesUploaded.get();
  }

  /** Records of every entity whose total the source gave, or null when it gave none. */
  Long recordsTotal() {
    return totalKnown > 0 ? totalKnown : null;
  }

  /** Share done, 0 to 1: whole entities, plus the current one by its total when known. */
  double fraction() {
    if (entities == 0) {
      return 0;
    }
    double within = entityTotal > 0 ? Math.min(1.0, (double) entityRecords / entityTotal) : 0.0;
    return Math.min(1.0, (entitiesDone + (entitiesDone < entities ? within : 0)) / entities);
  }

  /** 5% once started, 95% when everything was read (the manifest and bookkeeping remain). */
  int percent() {
    return 5 + (int) Math.floor(90 * fraction());
  }

  /** The expected end, from the pace so far; null until a first share is done. */
  Instant eta(Instant now) {
    double f = fraction();
    if (f < 0.01) {
      return null;
    }
    long elapsed = Duration.between(startedAt, now).toMillis();
    return now.plusMillis((long) (elapsed * (1 - f) / f));
  }

  /** The counts as the run's {@code progress} JSON. */
  String json(RateLimitStats source) {
    ObjectNode node = JSON.createObjectNode();
    if (entity != null) {
      node.put("entity", entity);
    }
    node.put("entities", entities).put("entitiesDone", entitiesDone);
    node.put("records", records.get());
    if (recordsTotal() != null) {
      node.put("recordsTotal", recordsTotal());
    }
    node.put("bytesWritten", bytesWritten.get());
    node.put("mediaDownloaded", mediaDownloaded.get());
    node.put("mediaDeduplicated", mediaDeduplicated.get());
    node.put("mediaBytesUploaded", mediaBytesUploaded.get());
    node.put("mediaMissing", mediaMissing.get());
    if (source != null) {
      node.put("sourceRequests", source.requests());
      node.put("source429s", source.throttled());
      node.put("source503s", source.unavailable());
      node.put("sourceWaits", source.waits());
      node.put("sourceWaitedMillis", source.waitedMillis());
      node.put("sourceLimit", source.currentLimit());
    }
    return node.toString();
  }
}
