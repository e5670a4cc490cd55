package dev.trovekeeper.diff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trovekeeper.ratelimit.RateLimitStats;
import java.time.Duration;
import java.time.Instant;

/**
 * The counts of one diff attempt, as the run's progress shows them. The work is reading the base,
 * reading the other side and comparing; the base's record count (from its manifest) estimates the
 * live side's until it is read.
 */
final class DiffProgress {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Instant startedAt;
  private final long baseTotal;
  private final long otherEstimate;
  private volatile String phase = "reading backup";
  private volatile long baseRead;
  private volatile long otherRead;
  private volatile long compared;
  private volatile boolean otherDone;
  private volatile long added;
  private volatile long changed;
  private volatile long removed;

  DiffProgress(Instant startedAt, long baseTotal, long otherEstimate) {
    this.startedAt = startedAt;
    this.baseTotal = baseTotal;
    this.otherEstimate = otherEstimate;
  }

  void phase(String phase) {
    this.phase = phase.length() <= 64 ? phase : phase.substring(0, 64);
  }

  String phase() {
    return phase;
  }

  void baseRecord() {
    baseRead++;
  }

  void otherRecord() {
    otherRead++;
  }

  void otherDone() {
    otherDone = true;
  }

  void compared() {
    compared++;
  }

  void change(ChangeKind kind) {
    switch (kind) {
      case ADDED -> added++;
      case CHANGED -> changed++;
      case REMOVED -> removed++;
    }
  }

  /** Records read and compared so far. */
  long done() {
    return baseRead + otherRead + compared;
  }

  /** The work expected: both sides read, then compared (about the larger side's count). */
  long total() {
    long other = otherDone ? otherRead : Math.max(otherEstimate, otherRead);
    return Math.max(1, baseTotal + other + Math.max(baseTotal, other));
  }

  /** 5% once started, 95% when everything is compared (counts and bookkeeping remain). */
  int percent() {
    return 5 + (int) Math.floor(90 * Math.min(1.0, (double) done() / total()));
  }

  /** The expected end from the pace so far; null until a first share is done. */
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
    node.put("baseRecords", baseRead).put("otherRecords", otherRead).put("compared", compared);
    node.put("added", added).put("changed", changed).put("removed", removed);
    if (source != null) {
      node.put("sourceRequests", source.requests());
      node.put("source429s", source.throttled());
      node.put("sourceWaits", source.waits());
    }
    return node.toString();
  }
}
