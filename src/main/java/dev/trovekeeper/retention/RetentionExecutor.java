package dev.trovekeeper.retention;

import dev.trovekeeper.events.EventService;
import dev.trovekeeper.events.EventTypes;
import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.policy.RetentionRules;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.BackupSucceeded;
import dev.trovekeeper.run.RunService;
import dev.trovekeeper.trove.TroveBackup;
import dev.trovekeeper.trove.TroveClient;
import dev.trovekeeper.trove.TroveException;
import dev.trovekeeper.trove.TroveFault;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies the retention decision of a target's policy to its backups in Trove: after each
 * successful backup and in a periodic sweep (which also retries DELETE_FAILED backups). Only
 * backups the service made are ever deleted. Trove deletes a backup's incremental children with it,
 * so one request is sent per chain root the decision names.
 */
@ApplicationScoped
public class RetentionExecutor {

  /** Set on an artifact when its owner confirmed its deletion; the executor sends the delete. */
  static final String DELETING = "DELETING";

  private final RunService runs;
  private final InventoryService inventory;
  private final PolicyService policies;
  private final TroveClient trove;
  private final EventService events;
  private final RetentionConfig config;
  private final Clock clock;

  RetentionExecutor(
      RunService runs,
      InventoryService inventory,
      PolicyService policies,
      TroveClient trove,
      EventService events,
      RetentionConfig config,
      Clock clock) {
    this.runs = runs;
    this.inventory = inventory;
    this.policies = policies;
    this.trove = trove;
    this.events = events;
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
    for (Long targetId : runs.targetsWithLiveArtifacts()) {
      try {
        apply(targetId);
      } catch (RuntimeException e) {
        Log.warnf("Retention of target %d not applied: %s", targetId, e.toString());
      }
    }
  }

  /** Applies retention to one target now; returns the backups deleted (cascades included). */
  public List<String> apply(long targetId) {
    Target target = inventory.find(targetId).orElse(null);
    if (target == null) {
      return List.of();
    }
    List<Artifact> live = runs.liveArtifacts(targetId);
    List<String> deleted =
        new ArrayList<>(
            deleteConfirmed(target, live.stream().filter(a -> DELETING.equals(a.status)).toList()));
    Optional<Policy> policy = policies.effective(target);
    if (policy.isEmpty()) {
      return deleted;
    }
    RetentionRule rule;
    try {
      rule = RetentionRules.of(policy.get());
    } catch (InvalidRetentionRuleException e) {
      Log.warnf("Policy %d has no valid retention rule: %s", policy.get().id, e.getMessage());
      return deleted;
    }
    List<Artifact> artifacts = live.stream().filter(a -> !DELETING.equals(a.status)).toList();
    RetentionDecision decision =
        Retention.decide(
            rule, records(artifacts), clock.instant(), keepFinalUntil(target, policy.get()));
    for (String root : decision.toRequest()) {
      List<String> chain = chainOf(root, decision);
      String outcome = delete(target, root);
      if (outcome != null) {
        runs.artifactsDeleted(targetId, "DELETED".equals(outcome) ? chain : List.of(root), outcome);
        if ("DELETED".equals(outcome)) {
          deleted.addAll(chain);
          pruned(target, root, chain, decision);
        }
      }
    }
    return deleted;
  }

  /** Backups whose deletion the project owner confirmed (status DELETING): deleted in Trove. */
  private List<String> deleteConfirmed(Target target, List<Artifact> confirmed) {
    List<String> deleted = new ArrayList<>();
    for (Artifact artifact : confirmed) {
      String outcome = delete(target, artifact.externalId);
      if (outcome != null) {
        runs.artifactsDeleted(target.id, List.of(artifact.externalId), outcome);
        if ("DELETED".equals(outcome)) {
          deleted.add(artifact.externalId);
        }
      }
    }
    return deleted;
  }

  /** Sends the delete; returns DELETED, DELETE_FAILED, or null to try again in a later sweep. */
  private String delete(Target target, String backupId) {
    try {
      trove.deleteBackup(target.projectId, backupId);
      TroveBackup after = trove.getBackup(target.projectId, backupId);
      return "DELETE_FAILED".equals(after.status()) ? "DELETE_FAILED" : null;
    } catch (TroveException e) {
      if (e.fault() == TroveFault.NOT_FOUND) {
        return "DELETED";
      }
      Log.infof("Backup %s not deleted now (%s): %s", backupId, e.fault(), e.getMessage());
      return null;
    }
  }

  private void pruned(Target target, String root, List<String> chain, RetentionDecision decision) {
    String reason =
        decision.delete().stream()
            .filter(d -> d.id().equals(root))
            .map(d -> d.reason().name())
            .findFirst()
            .orElse("EXPIRED");
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                events.record(
                    EventTypes.BACKUP_PRUNED,
                    EventTypes.targetSubject(target.id),
                    target.projectId,
                    Map.of(
                        "targetId",
                        target.id,
                        "instanceId",
                        target.externalId,
                        "backupId",
                        root,
                        "deletedWithIt",
                        chain.subList(1, chain.size()),
                        "reason",
                        reason)));
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

  /** The root and every deletion cascaded from it. */
  private static List<String> chainOf(String root, RetentionDecision decision) {
    List<String> chain = new ArrayList<>(List.of(root));
    decision.delete().stream()
        .filter(d -> root.equals(d.cascadedFrom()))
        .forEach(d -> chain.add(d.id()));
    return chain;
  }

  private static List<BackupRecord> records(List<Artifact> artifacts) {
    Set<String> ids = new HashSet<>();
    artifacts.forEach(a -> ids.add(a.externalId));
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
