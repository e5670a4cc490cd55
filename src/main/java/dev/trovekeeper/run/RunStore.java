package dev.trovekeeper.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Short transactions around one run for the executor, which talks to Trove between them. Every
 * change checks that this replica still holds the run's claim, so a replica that was too slow (its
 * lease expired and another took over) changes nothing.
 */
@ApplicationScoped
public class RunStore {

  private final RunRepository runs;
  private final ArtifactRepository artifacts;
  private final Clock clock;

  RunStore(RunRepository runs, ArtifactRepository artifacts, Clock clock) {
    this.runs = runs;
    this.artifacts = artifacts;
    this.clock = clock;
  }

  /** This replica lost the claim on a run (taken over, or its lease ran out); step abandoned. */
  public static class LostClaimException extends RuntimeException {
    LostClaimException(long runId, String why) {
      super("run " + runId + ": " + why);
    }
  }

  /**
   * Marks runnable runs as held by {@code owner} until the lease ends, bumping each one's fencing
   * token; returns the leases. Plain SQL, so a row this version cannot map (a value written by a
   * newer release) is still claimed and its step fails alone, not the whole batch.
   */
  @Transactional
  public List<RunLease> claim(String owner, int limit, Duration lease) {
    Instant now = clock.instant();
    return hold(runs.lockRunnable(now, limit), owner, lease, now);
  }

  /**
   * Claims one run if it is runnable now (not final, due, lease free or expired): what another
   * replica's dispatcher does when it takes the run over.
   */
  @Transactional
  Optional<RunLease> claimRun(long runId, String owner, Duration lease) {
    Instant now = clock.instant();
    List<Long> runnable = runs.lockRunnable(now, Integer.MAX_VALUE);
    return runnable.contains(runId)
        ? hold(List.of(runId), owner, lease, now).stream().findFirst()
        : Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private List<RunLease> hold(List<Long> ids, String owner, Duration lease, Instant now) {
    if (ids.isEmpty()) {
      return List.of();
    }
    var em = runs.getEntityManager();
    em.createNativeQuery(
            "UPDATE runs SET claimed_by = ?1, claim_expires_at = ?2,"
                + " lease_token = lease_token + 1, version = version + 1 WHERE id IN (?3)")
        .setParameter(1, owner)
        .setParameter(2, utc(now.plus(lease)))
        .setParameter(3, ids)
        .executeUpdate();
    List<Object[]> tokens =
        em.createNativeQuery("SELECT id, lease_token FROM runs WHERE id IN (?1)")
            .setParameter(1, ids)
            .getResultList();
    return tokens.stream()
        .map(r -> new RunLease(((Number) r[0]).longValue(), owner, ((Number) r[1]).longValue()))
        .toList();
  }

  /**
   * Extends the lease of a run this worker is stepping to {@code length} from now, if the lease
   * (owner and token) still holds it; false when it was taken over. Neither the fencing token nor
   * the row version changes, so the worker's own changes of the run are not disturbed.
   */
  @Transactional
  public boolean renew(RunLease lease, Duration length) {
    return runs.getEntityManager()
            .createNativeQuery(
                "UPDATE runs SET claim_expires_at = ?1"
                    + " WHERE id = ?2 AND claimed_by = ?3 AND lease_token = ?4")
            .setParameter(1, utc(clock.instant().plus(length)))
            .setParameter(2, lease.runId())
            .setParameter(3, lease.owner())
            .setParameter(4, lease.token())
            .executeUpdate()
        == 1;
  }

  /**
   * Counts a step that ended in an unexpected error on a run this lease holds and releases it: due
   * again after {@code retryAt}, or FAILED (STEP_FAILED, the error as reason) at the {@code max}th
   * error. Plain SQL, so it works even when the run's row cannot be loaded. Returns the new state,
   * empty when the lease no longer holds the run.
   */
  @Transactional
  @SuppressWarnings("unchecked")
  public Optional<String> recordCrash(RunLease lease, String error, int max, Instant retryAt) {
    Instant now = clock.instant();
    var em = runs.getEntityManager();
    int changed =
        em.createNativeQuery(
                "UPDATE runs SET step_failures = step_failures + 1,"
                    + " state = IF(step_failures >= ?1, 'FAILED', state),"
                    + " reason_code = IF(step_failures >= ?1, 'STEP_FAILED', 'STEP_ERROR'),"
                    + " reason = IF(step_failures >= ?1,"
                    + " LEFT(CONCAT('after ', step_failures, ' errors: ', ?2), 1000),"
                    + " LEFT(?2, 1000)),"
                    + " finished_at = IF(step_failures >= ?1, ?3, finished_at),"
                    + " next_attempt_at = IF(step_failures >= ?1, NULL, ?4),"
                    + " claimed_by = NULL, claim_expires_at = NULL, updated_at = ?3,"
                    + " version = version + 1"
                    + " WHERE id = ?5 AND claimed_by = ?6 AND lease_token = ?7")
            .setParameter(1, max)
            .setParameter(2, error)
            .setParameter(3, utc(now))
            .setParameter(4, utc(retryAt))
            .setParameter(5, lease.runId())
            .setParameter(6, lease.owner())
            .setParameter(7, lease.token())
            .executeUpdate();
    if (changed == 0) {
      return Optional.empty();
    }
    List<String> state =
        em.createNativeQuery("SELECT state FROM runs WHERE id = ?1")
            .setParameter(1, lease.runId())
            .getResultList();
    return state.stream().findFirst();
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** Runs of later slots of the same target still waiting to post (see {@link MissedSlots}). */
  @Transactional
  public long newerWaitingSlots(Run run) {
    return run.slotAt == null ? 0 : runs.countNewerWaitingSlots(run.targetId, run.slotAt);
  }

  /** A detached copy of the run, to read. */
  @Transactional
  public Run read(long runId) {
    Run run = runs.findById(runId);
    runs.getEntityManager().detach(run);
    return run;
  }

  /** Applies a change to a run this lease still holds. */
  @Transactional
  public Run update(RunLease lease, Consumer<Run> change) {
    Run run = runs.findById(lease.runId());
    checkHeld(run, lease);
    change.accept(run);
    run.updatedAt = clock.instant();
    return run;
  }

  /**
   * The fence before a backup POST: with the run's row locked, checks that this lease still holds
   * the run and has not run out, records the intent ({@code change}) and renews the lease, so the
   * POST that follows gets a full lease (longer than one Trove call's worst case). A worker that
   * was held past its lease fails here instead of posting a second backup.
   */
  @Transactional
  public Run recordIntent(RunLease lease, Duration leaseLength, Consumer<Run> change) {
    Run run = runs.findById(lease.runId(), LockModeType.PESSIMISTIC_WRITE);
    checkHeld(run, lease);
    Instant now = clock.instant();
    if (run.claimExpiresAt == null || !run.claimExpiresAt.isAfter(now)) {
      throw new LostClaimException(run.id, "lease ran out at " + run.claimExpiresAt);
    }
    change.accept(run);
    run.claimExpiresAt = now.plus(leaseLength);
    run.updatedAt = now;
    return run;
  }

  private static void checkHeld(Run run, RunLease lease) {
    if (!lease.owner().equals(run.claimedBy) || run.leaseToken != lease.token()) {
      throw new LostClaimException(
          run.id, "now held by " + run.claimedBy + " (lease " + run.leaseToken + ")");
    }
  }

  /** Applies a final change of this step and gives the run back (claim released). */
  @Transactional
  public Run release(RunLease lease, Consumer<Run> change) {
    Run run = update(lease, change);
    run.claimedBy = null;
    run.claimExpiresAt = null;
    return run;
  }

  /** The artifact of a Trove backup of this run, created on first sight. */
  @Transactional(Transactional.TxType.MANDATORY)
  public Artifact artifact(Run run, String externalId, String parentId, Instant createdAt) {
    return artifacts
        .findByExternalId(run.targetId, externalId)
        .orElseGet(
            () -> {
              Artifact artifact = new Artifact();
              artifact.targetId = run.targetId;
              artifact.projectId = run.projectId;
              artifact.runId = run.id;
              artifact.externalId = externalId;
              artifact.parentExternalId = parentId;
              artifact.backupType = run.backupType;
              artifact.origin =
                  switch (run.trigger) {
                    case MANUAL -> ArtifactOrigin.MANUAL;
                    case BEFORE_RESTORE -> ArtifactOrigin.BEFORE_RESTORE;
                    default -> ArtifactOrigin.SCHEDULED;
                  };
              artifact.status = "NEW";
              artifact.createdAt = createdAt == null ? clock.instant() : createdAt;
              artifact.updatedAt = clock.instant();
              artifacts.persist(artifact);
              return artifact;
            });
  }

  /** Live artifacts of a target, detached. */
  @Transactional
  public List<Artifact> liveArtifacts(long targetId) {
    List<Artifact> list = artifacts.listLive(targetId);
    list.forEach(runs.getEntityManager()::detach);
    return list;
  }

  /** Mean duration of the last successful runs of a target, for progress estimates. */
  @Transactional
  public java.util.Optional<java.time.Duration> typicalDuration(long targetId) {
    List<Run> recent = runs.recentSucceeded(targetId, 5);
    return recent.stream()
        .filter(r -> r.finishedAt != null)
        .map(r -> java.time.Duration.between(r.startedAt, r.finishedAt))
        .reduce(java.time.Duration::plus)
        .map(total -> total.dividedBy(recent.size()));
  }
}
