package dev.trovekeeper.retention;

import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.policy.InvalidRetentionRuleException;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.policy.RetentionRule;
import dev.trovekeeper.policy.RetentionRules;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.BackupSucceeded;
import dev.trovekeeper.run.RunService;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies the retention decision of a target's policy to its backups (in Trove or, for a dataset,
 * in the object store): after each successful backup and in a periodic sweep (which also retries
 * DELETE_FAILED backups); deletes Trove accepted are checked until confirmed. Only backups the
 * service made are ever deleted. A pass holds the target's {@link RetentionClaims lease}, so
 * replicas never work on one target at once. The deletes themselves go through the {@link
 * BackupDeletes} of the target's kind: {@link TroveDeletes} sends one DELETE per chain root, {@link
 * ArchiveDeletes} removes dataset archives.
 */
@ApplicationScoped
public class RetentionExecutor {

  /** Set on an artifact to delete (owner confirmed, or retention decided) until Trove confirms. */
  static final String DELETING = "DELETING";

  /** A run making room waits this long for a pass that holds a target (sweeps skip instead). */
  private static final Duration ROOM_PATIENCE = Duration.ofSeconds(5);

  /** Passes a holder runs again on request before it leaves the rest to the sweep. */
  private static final int MAX_RERUNS = 5;

  private final RunService runs;
  private final InventoryService inventory;
  private final PolicyService policies;
  private final DeletionTracker tracker;
  private final Map<TargetKind, BackupDeletes> deletes = new EnumMap<>(TargetKind.class);
  private final RetentionClaims claims;
  private final RetentionConfig config;
  private final Clock clock;

  RetentionExecutor(
      RunService runs,
      InventoryService inventory,
      PolicyService policies,
      DeletionTracker tracker,
      Instance<BackupDeletes> deletes,
      RetentionClaims claims,
      RetentionConfig config,
      Clock clock) {
    this.runs = runs;
    this.inventory = inventory;
    this.policies = policies;
    this.tracker = tracker;
    deletes.forEach(d -> this.deletes.put(d.kind(), d));
    this.claims = claims;
    this.config = config;
    this.clock = clock;
  }

  void afterBackup(@Observes BackupSucceeded succeeded) {
    if (config.afterEachBackup()) {
      apply(succeeded.targetId());
    }
  }

  @Scheduled(
      identity = "retention-sweep",
      every = "${keeper.retention.sweep-interval}",
      delayed = "${keeper.retention.sweep-delay}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    each(runs.targetsWithLiveArtifacts(), this::apply);
  }

  @Scheduled(
      identity = "retention-deletion-check",
      every = "${keeper.retention.deletion-check-interval}",
      delayed = "${keeper.retention.deletion-check-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void checkDeletions() {
    each(tracker.targetsAwaitingConfirmation(), id -> pass(id, false).deleted());
  }

  /**
   * Applies retention to one target now; when another pass holds it, that pass is asked to run once
   * more before it lets the target go (or, if it just did, this call runs the pass itself).
   *
   * @return the backups confirmed deleted by this pass (cascades included)
   */
  public List<String> apply(long targetId) {
    return pass(targetId, true).deleted();
  }

  /** Applies retention to one target; returns how many DELETEs Trove accepted (quota freed). */
  int applyForRoom(long targetId) {
    return withClaim(
            targetId,
            ROOM_PATIENCE,
            false,
            target -> {
              decide(target);
              return deletesOf(target).progress(target);
            })
        .accepted();
  }

  /** Deletes one backup to make room under the quota; true when Trove accepted the DELETE. */
  boolean deleteForRoom(long targetId, Artifact artifact) {
    return withClaim(
                targetId,
                ROOM_PATIENCE,
                false,
                target -> {
                  tracker.decided(
                      targetId,
                      List.of(
                          new DeletionTracker.Mark(
                              artifact, DeletionTracker.QUOTA_PRESSURE, null)));
                  return deletesOf(target).progress(target);
                })
            .accepted()
        > 0;
  }

  private BackupDeletes.Pass pass(long targetId, boolean decide) {
    // A deciding pass that finds the target held is not lost: the holder reruns it.
    return withClaim(
        targetId,
        Duration.ZERO,
        decide,
        target -> {
          if (decide) {
            decide(target);
          }
          return deletesOf(target).progress(target);
        });
  }

  private BackupDeletes.Pass withClaim(
      long targetId,
      Duration patience,
      boolean rerunWhenHeld,
      Function<Target, BackupDeletes.Pass> work) {
    Target target = inventory.find(targetId).orElse(null);
    String holder = claims.newHolder();
    if (target == null) {
      return BackupDeletes.Pass.NONE;
    }
    if (!claims.claimWithin(targetId, holder, patience)) {
      if (!rerunWhenHeld) {
        return BackupDeletes.Pass.NONE;
      }
      claims.requestRerun(targetId);
      if (!claims.tryClaim(targetId, holder)) {
        return BackupDeletes.Pass.NONE; // the holder sees the request before it releases
      }
    }
    try {
      BackupDeletes.Pass pass = work.apply(target);
      for (int i = 0; i < MAX_RERUNS && claims.keepForRerun(targetId, holder); i++) {
        decide(target);
        deletesOf(target).progress(target);
      }
      return pass;
    } finally {
      claims.release(targetId, holder);
    }
  }

  private BackupDeletes deletesOf(Target target) {
    BackupDeletes forKind = deletes.get(target.kind);
    if (forKind == null) {
      throw new IllegalStateException("no deletes for targets of kind " + target.kind);
    }
    return forKind;
  }

  /** Marks what the policy's rule lets go DELETING (the roots and their cascaded children). */
  private void decide(Target target) {
    Optional<Policy> policy = policies.effective(target);
    if (policy.isEmpty()) {
      return;
    }
    RetentionRule rule;
    try {
      rule = RetentionRules.of(policy.get());
    } catch (InvalidRetentionRuleException e) {
      Log.warnf("Policy %d has no valid retention rule: %s", policy.get().id, e.getMessage());
      return;
    }
    List<Artifact> undecided =
        runs.liveArtifacts(target.id).stream().filter(a -> !DELETING.equals(a.status)).toList();
    RetentionDecision decision =
        Retention.decide(
            rule,
            records(target, undecided),
            clock.instant(),
            keepFinalUntil(target, policy.get()));
    Map<String, Artifact> byExternalId = new HashMap<>();
    undecided.forEach(a -> byExternalId.put(a.externalId, a));
    List<DeletionTracker.Mark> marks = new ArrayList<>();
    java.time.Instant safetyCutoff = clock.instant().minus(config.beforeRestoreKeep());
    for (Deletion deletion : decision.delete()) {
      Artifact artifact = byExternalId.get(deletion.id());
      if (SafetyBackups.kept(artifact.origin, artifact.createdAt, safetyCutoff)) {
        continue;
      }
      marks.add(
          new DeletionTracker.Mark(
              byExternalId.get(deletion.id()), deletion.reason().name(), deletion.cascadedFrom()));
    }
    if (!marks.isEmpty()) {
      tracker.decided(target.id, marks);
    }
  }

  private static void each(List<Long> targetIds, Function<Long, ?> work) {
    for (Long targetId : targetIds) {
      try {
        work.apply(targetId);
      } catch (RuntimeException e) {
        Log.warnf("Retention of target %d not applied: %s", targetId, e.toString());
      }
    }
  }

  /** For a deleted target whose policy keeps its final backup: until when; else null. */
  private static java.time.Instant keepFinalUntil(Target target, Policy policy) {
    if (!target.isGone()
        || policy.afterDelete != dev.trovekeeper.policy.AfterDelete.KEEP_FINAL
        || policy.finalBackupDays == null) {
      return null;
    }
    java.time.Instant deletedAt = target.deletedAt != null ? target.deletedAt : target.updatedAt;
    return deletedAt.plus(java.time.Duration.ofDays(policy.finalBackupDays));
  }

  /**
   * The artifacts as retention decides over them. Only Trove backups form incremental chains: a
   * dataset backup (an archive) is always full, whatever its parent column says.
   */
  static List<BackupRecord> records(Target target, List<Artifact> artifacts) {
    Set<String> ids = new HashSet<>();
    if (target.kind == TargetKind.TROVE_INSTANCE) {
      artifacts.forEach(a -> ids.add(a.externalId));
    }
    List<BackupRecord> records = new ArrayList<>();
    for (Artifact a : artifacts) {
      String parent =
          a.parentExternalId != null && ids.contains(a.parentExternalId)
              ? a.parentExternalId
              : null;
      records.add(
          new BackupRecord(a.externalId, parent, a.createdAt, BackupState.fromTrove(a.status)));
    }
    return records;
  }
}
