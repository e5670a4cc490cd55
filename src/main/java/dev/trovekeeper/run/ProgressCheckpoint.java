package dev.trovekeeper.run;

import java.time.Instant;

/**
 * Where an executor that works through many records (a dataset backup, a diff, a migration, a
 * restore of tenant data) reports its progress: the run's progress columns are written at most once
 * a second, under the run's lease (a replica that lost the run fails here), and each write tells
 * whether a tenant asked to cancel the run meanwhile.
 */
public final class ProgressCheckpoint {

  /** Least time between two writes of a run's progress. */
  public static final long EVERY_MS = 1_000;

  /**
   * What a run's progress columns show; {@code done}, {@code total} and {@code details} (JSON) may
   * be null.
   */
  public record Progress(
      int percent, String phase, Long done, Long total, Instant eta, String details) {}

  private final RunStore store;
  private final RunLease lease;
  private long last;

  /** The first report is written at once (or, with {@code waitFirst}, a second from now). */
  public ProgressCheckpoint(RunStore store, RunLease lease, boolean waitFirst) {
    this.store = store;
    this.lease = lease;
    this.last = waitFirst ? System.nanoTime() : System.nanoTime() - EVERY_MS * 1_000_000;
  }

  /** Whether a second has passed since the last write (then the caller builds and writes one). */
  public boolean due() {
    return System.nanoTime() - last >= EVERY_MS * 1_000_000;
  }

  /**
   * Writes the progress now (the phase cut to the column's 64 characters); true when the run's
   * cancel was requested.
   */
  public boolean write(Progress progress) {
    last = System.nanoTime();
    String phase = progress.phase();
    String fitted = phase == null || phase.length() <= 64 ? phase : phase.substring(0, 64);
    Run run =
        store.update(
            lease,
            r -> {
              r.progressPercent = progress.percent();
              r.progressPhase = fitted;
              r.progressDone = progress.done();
              r.progressTotal = progress.total();
              r.etaAt = progress.eta();
              if (progress.details() != null) {
                r.progressDetails = progress.details();
              }
            });
    return run.cancelRequestedAt != null;
  }
}
