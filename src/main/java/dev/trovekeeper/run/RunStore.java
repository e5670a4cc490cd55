package dev.trovekeeper.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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

  /** This replica lost the claim on a run; its step is abandoned. */
  public static class LostClaimException extends RuntimeException {
    LostClaimException(long runId, String owner) {
      super("run " + runId + " is now held by " + owner);
    }
  }

  /** Marks runnable runs as held by {@code owner} until the lease ends; returns their ids. */
  @Transactional
  public List<Long> claim(String owner, int limit, java.time.Duration lease) {
    Instant now = clock.instant();
    List<Long> ids = runs.lockRunnable(now, limit);
    for (Long id : ids) {
      Run run = runs.findById(id);
      run.claimedBy = owner;
      run.claimExpiresAt = now.plus(lease);
    }
    return ids;
  }

  /** A detached copy of the run, to read. */
  @Transactional
  public Run read(long runId) {
    Run run = runs.findById(runId);
    runs.getEntityManager().detach(run);
    return run;
  }

  /** Applies a change to a run this replica holds. */
  @Transactional
  public Run update(long runId, String owner, Consumer<Run> change) {
    Run run = runs.findById(runId);
    if (!owner.equals(run.claimedBy)) {
      throw new LostClaimException(runId, run.claimedBy);
    }
    change.accept(run);
    run.updatedAt = clock.instant();
    return run;
  }

  /** Applies a final change of this step and gives the run back (claim released). */
  @Transactional
  public Run release(long runId, String owner, Consumer<Run> change) {
    Run run = update(runId, owner, change);
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
                  run.trigger == RunTrigger.MANUAL
                      ? ArtifactOrigin.MANUAL
                      : ArtifactOrigin.SCHEDULED;
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
