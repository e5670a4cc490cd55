package dev.trovekeeper.run;

import dev.trovekeeper.events.BackupMetrics;
import dev.trovekeeper.events.EventService;
import dev.trovekeeper.events.EventTypes;
import dev.trovekeeper.events.RestoreMetrics;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The transitions of restore and drill runs, each one short transaction over the run and its {@link
 * Restore} row that also records the outgoing event and gives the run's claim back.
 */
@ApplicationScoped
public class RestoreOutcomes {

  private final RunStore store;
  private final RestoreRepository restores;
  private final ArtifactRepository artifacts;
  private final EventService events;
  private final BackupMetrics runMetrics;
  private final RestoreMetrics metrics;
  private final RestoreConfig config;
  private final RunConfig runConfig;
  private final Clock clock;

  RestoreOutcomes(
      RunStore store,
      RestoreRepository restores,
      ArtifactRepository artifacts,
      EventService events,
      BackupMetrics runMetrics,
      RestoreMetrics metrics,
      RestoreConfig config,
      RunConfig runConfig,
      Clock clock) {
    this.store = store;
    this.restores = restores;
    this.artifacts = artifacts;
    this.events = events;
    this.runMetrics = runMetrics;
    this.metrics = metrics;
    this.config = config;
    this.runConfig = runConfig;
    this.clock = clock;
  }

  /** A detached copy of the run's restore row. */
  @Transactional
  public Restore read(long runId) {
    Restore restore = restores.findById(runId);
    restores.getEntityManager().detach(restore);
    return restore;
  }

  /** The Trove id of the backup the restore restores. */
  @Transactional
  public String backupExternalId(Restore restore) {
    return artifacts.findById(restore.artifactId).externalId;
  }

  /** Applies a change to the run and its restore row while this lease holds the run. */
  @Transactional
  public Run update(RunLease lease, Consumer<Run> run, Consumer<Restore> restore) {
    Run updated = store.update(lease, run);
    restore.accept(restores.findById(lease.runId()));
    return updated;
  }

  /** The fence before the POST (see {@link RunStore#recordIntent}): records the name posted. */
  @Transactional
  public Run recordIntent(RunLease lease, String instanceName, String flavorRef, Integer volume) {
    Run run =
        store.recordIntent(lease, runConfig.lease(), r -> r.progressPhase = "requesting instance");
    Restore restore = restores.findById(lease.runId());
    restore.instanceName = instanceName;
    restore.flavorRef = flavorRef;
    restore.volumeSize = volume;
    return run;
  }

  /** Trove accepted the POST (or a resumed run found its instance): poll it from now on. */
  @Transactional
  public void requested(RunLease lease, String newInstanceId, Instant postedAt) {
    Restore restore = restores.findById(lease.runId());
    restore.newInstanceId = newInstanceId;
    if (restore.postedAt == null) {
      restore.postedAt = postedAt;
    }
    store.release(
        lease,
        r -> {
          r.state = RunState.REQUESTED;
          progress(r, restore, "trove: build");
          r.nextAttemptAt = clock.instant().plus(runConfig.pollBaseDelay());
        });
  }

  /** The new instance is still building. */
  @Transactional
  public void pollLater(RunLease lease, String status) {
    Restore restore = restores.findById(lease.runId());
    store.release(
        lease,
        r -> {
          r.state = RunState.RUNNING;
          progress(r, restore, "trove: " + status.toLowerCase());
          r.nextAttemptAt = clock.instant().plus(pollDelay(restore));
        });
  }

  /**
   * The new instance is ACTIVE: the restore time is measured (POST to ACTIVE). A restore ends
   * SUCCEEDED; a drill records the backup and its instance proven restorable and goes on to delete
   * its throwaway instance.
   */
  @Transactional
  public Run active(RunLease lease) {
    Restore restore = restores.findById(lease.runId());
    Instant now = clock.instant();
    restore.activeAt = now;
    restore.rtoMillis = Duration.between(restore.postedAt, now).toMillis();
    Run run = store.read(lease.runId());
    metrics.restored(
        run.projectId,
        sourceInstanceId(restore),
        restore.drill,
        Duration.ofMillis(restore.rtoMillis));
    if (restore.drill) {
      proven(restore, now);
      return store.update(
          lease,
          r -> {
            r.progressPhase = "deleting throwaway instance";
            r.progressPercent = 95;
          });
    }
    Run done =
        store.release(
            lease,
            r -> {
              finish(r, RunState.SUCCEEDED, "done");
              r.progressPercent = 100;
              r.reasonCode = null;
              r.reason =
                  "restored into instance " + restore.newInstanceId + " in " + seconds(restore);
              Map<String, Object> data = data(r, restore);
              data.put("rtoMillis", restore.rtoMillis);
              events.record(
                  EventTypes.RESTORE_SUCCEEDED,
                  EventTypes.targetSubject(r.targetId),
                  r.projectId,
                  data);
            });
    runMetrics.runFinished(done.state.name(), done.projectId);
    return done;
  }

  /** A drill's throwaway instance is deleted: the drill ends SUCCEEDED, restore.verified. */
  @Transactional
  public void verified(RunLease lease) {
    Restore restore = restores.findById(lease.runId());
    restore.instanceDeletedAt = clock.instant();
    Run done =
        store.release(
            lease,
            r -> {
              finish(r, RunState.SUCCEEDED, "done");
              r.progressPercent = 100;
              r.reason =
                  "backup restorable: instance ACTIVE in "
                      + seconds(restore)
                      + ", throwaway instance deleted";
              Map<String, Object> data = data(r, restore);
              data.put("rtoMillis", restore.rtoMillis);
              data.put("provenRestorableAt", restore.activeAt.toString());
              events.record(
                  EventTypes.RESTORE_VERIFIED,
                  EventTypes.targetSubject(r.targetId),
                  r.projectId,
                  data);
            });
    runMetrics.runFinished(done.state.name(), done.projectId);
  }

  /** A drill's throwaway instance was deleted after the drill failed. */
  @Transactional
  public void instanceDeleted(long runId) {
    restores.findById(runId).instanceDeletedAt = clock.instant();
  }

  /**
   * The restore failed for good: FAILED with the reason, Trove's fault and the timings kept on the
   * run and its restore row (a drill's evidence), event {@code restore.failed}.
   */
  @Transactional
  public void fail(RunLease lease, String code, String reason, String fault) {
    Restore restore = restores.findById(lease.runId());
    if (fault != null) {
      restore.fault = truncate(fault);
    }
    Instant now = clock.instant();
    String timings =
        restore.postedAt == null
            ? ""
            : " (asked Trove at "
                + restore.postedAt
                + ", "
                + seconds(restore.postedAt, now)
                + " ago)";
    Log.warnf("Restore run %d failed: %s %s%s", lease.runId(), code, reason, timings);
    Run done =
        store.release(
            lease,
            r -> {
              finish(r, RunState.FAILED, "failed");
              r.reasonCode = code;
              r.reason = truncate(reason + timings + (fault == null ? "" : ": " + fault));
              Map<String, Object> data = data(r, restore);
              data.put("reasonCode", code);
              data.put("reason", r.reason);
              if (restore.fault != null) {
                data.put("fault", restore.fault);
              }
              events.record(
                  EventTypes.RESTORE_FAILED,
                  EventTypes.targetSubject(r.targetId),
                  r.projectId,
                  data);
            });
    runMetrics.runFinished(done.state.name(), done.projectId);
  }

  private void proven(Restore restore, Instant at) {
    var em = restores.getEntityManager();
    em.createNativeQuery(
            "UPDATE artifacts SET proven_restorable_at = ?1, restore_rto_ms = ?2 WHERE id = ?3")
        .setParameter(1, at)
        .setParameter(2, restore.rtoMillis)
        .setParameter(3, restore.artifactId)
        .executeUpdate();
    em.createNativeQuery(
            "UPDATE targets SET proven_restorable_at = ?1, restore_rto_ms = ?2 WHERE id = ?3")
        .setParameter(1, at)
        .setParameter(2, restore.rtoMillis)
        .setParameter(3, restore.targetId)
        .executeUpdate();
  }

  private String sourceInstanceId(Restore restore) {
    Object id =
        restores
            .getEntityManager()
            .createNativeQuery("SELECT external_id FROM targets WHERE id = ?1")
            .setParameter(1, restore.targetId)
            .getSingleResult();
    return String.valueOf(id);
  }

  private void progress(Run run, Restore restore, String phase) {
    Instant now = clock.instant();
    run.progressPhase = phase;
    Instant started = restore.postedAt == null ? now : restore.postedAt;
    Duration typical = typicalRto(restore.targetId).orElse(config.defaultEta());
    run.etaAt = started.plus(typical);
    long elapsed = Duration.between(started, now).toMillis();
    int estimate = (int) Math.min(90, 100 * elapsed / Math.max(1, typical.toMillis()));
    run.progressPercent = Math.max(10, estimate);
  }

  /** Mean measured restore time of the instance's last five restores and drills. */
  private java.util.Optional<Duration> typicalRto(long targetId) {
    var recent =
        restores
            .find("targetId = ?1 and rtoMillis is not null order by runId desc", targetId)
            .page(0, 5)
            .list();
    return recent.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            Duration.ofMillis(
                (long) recent.stream().mapToLong(r -> r.rtoMillis).average().orElse(0)));
  }

  private Duration pollDelay(Restore restore) {
    Instant started = restore.postedAt == null ? clock.instant() : restore.postedAt;
    Duration quarter = Duration.between(started, clock.instant()).dividedBy(4);
    Duration min = runConfig.pollBaseDelay();
    Duration max = runConfig.pollMaxDelay();
    return quarter.compareTo(min) < 0 ? min : quarter.compareTo(max) > 0 ? max : quarter;
  }

  private void finish(Run run, RunState state, String phase) {
    run.state = state;
    run.progressPhase = phase;
    run.finishedAt = clock.instant();
    run.nextAttemptAt = null;
    run.etaAt = null;
  }

  private static Map<String, Object> data(Run run, Restore restore) {
    Map<String, Object> data = new HashMap<>();
    data.put("targetId", run.targetId);
    data.put("runId", run.id);
    data.put("drill", restore.drill);
    if (run.externalBackupId != null) {
      data.put("backupId", run.externalBackupId);
    }
    if (restore.newInstanceId != null) {
      data.put("newInstanceId", restore.newInstanceId);
    }
    return data;
  }

  private static String seconds(Restore restore) {
    return seconds(restore.postedAt, restore.activeAt);
  }

  private static String seconds(Instant from, Instant to) {
    return String.format(
        java.util.Locale.ROOT, "%.1f s", Duration.between(from, to).toMillis() / 1000.0);
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 1000 ? text : text.substring(0, 1000);
  }
}
