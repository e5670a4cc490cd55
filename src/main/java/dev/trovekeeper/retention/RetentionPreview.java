package dev.trovekeeper.retention;

import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.policy.InvalidRetentionRuleException;
import dev.trovekeeper.policy.PolicyScope;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.policy.PolicySpec;
import dev.trovekeeper.policy.ResolvedPolicy;
import dev.trovekeeper.policy.RetentionRule;
import dev.trovekeeper.policy.RetentionRules;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.RunService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an edited project default would keep and prune, before it is saved: the retention decision
 * the executor applies ({@link Retention#decide}), run on the project's live backups under the
 * edited rule. A target with a policy of its own keeps its own rule (retention rules come whole
 * from the narrowest policy), and is shown so.
 */
@ApplicationScoped
public class RetentionPreview {

  /** Targets previewed at most (those with backups; the page says how many more there are). */
  public static final int MAX_TARGETS = 5;

  /**
   * The preview of one project.
   *
   * @param targets up to {@link #MAX_TARGETS} targets with backups
   * @param moreTargets targets with backups not shown
   */
  public record ProjectPreview(List<TargetPreview> targets, int moreTargets) {}

  /**
   * One target's backups, oldest first.
   *
   * @param ownPolicy the target has a policy of its own, whose rule this shows (not the edited one)
   */
  public record TargetPreview(
      String id, String kind, String name, boolean ownPolicy, List<BackupVerdict> backups) {
    /** How many backups the rule keeps. */
    public long kept() {
      return backups.stream().filter(BackupVerdict::keep).count();
    }
  }

  /**
   * @param id the backup's public id, as the backup list shows it
   * @param keep whether retention keeps it
   * @param reasons why it is kept (KEEP_LAST, DAILY, ...) or which rule lets it go (EXPIRED, ...)
   */
  public record BackupVerdict(
      String id, Instant createdAt, String type, boolean keep, List<String> reasons) {}

  private final RunService runs;
  private final InventoryService inventory;
  private final PolicyService policies;
  private final Clock clock;

  RetentionPreview(
      RunService runs, InventoryService inventory, PolicyService policies, Clock clock) {
    this.runs = runs;
    this.inventory = inventory;
    this.policies = policies;
    this.clock = clock;
  }

  /**
   * The project's backups under {@code edited} as its default policy; empty when the edited
   * retention is not a valid rule (the form shows why). A bounded number of queries: one per
   * previewed target plus three.
   */
  @Transactional
  public Optional<ProjectPreview> ofProjectDefault(String projectId, PolicySpec edited) {
    RetentionRule rule;
    try {
      rule = RetentionRules.of(edited);
    } catch (InvalidRetentionRuleException | IllegalArgumentException e) {
      return Optional.empty();
    }
    List<Long> ids = runs.targetsWithLiveArtifacts(projectId).stream().sorted().toList();
    List<Long> shown = ids.subList(0, Math.min(MAX_TARGETS, ids.size()));
    Map<Long, Target> targets = inventory.findAll(shown);
    Map<Long, ResolvedPolicy> resolved = policies.resolve(targets.values());
    Instant now = clock.instant();
    List<TargetPreview> out = new ArrayList<>();
    for (Long id : shown) {
      Target target = targets.get(id);
      if (target == null) {
        continue;
      }
      ResolvedPolicy own = resolved.get(id);
      boolean ownPolicy = own != null && own.policy().scope == PolicyScope.TARGET;
      RetentionRule applied = ownPolicy ? RetentionRules.of(own.policy()) : rule;
      out.add(preview(target, ownPolicy, applied, now));
    }
    return Optional.of(new ProjectPreview(out, ids.size() - shown.size()));
  }

  private TargetPreview preview(Target target, boolean ownPolicy, RetentionRule rule, Instant now) {
    List<Artifact> live =
        runs.liveArtifacts(target.id).stream()
            .filter(a -> !RetentionExecutor.DELETING.equals(a.status))
            .sorted(Comparator.comparing((Artifact a) -> a.createdAt))
            .toList();
    RetentionDecision decision =
        Retention.decide(rule, RetentionExecutor.records(target, live), now);
    Map<String, BackupVerdict> byExternal = new HashMap<>();
    Map<String, Artifact> artifacts = new HashMap<>();
    live.forEach(a -> artifacts.put(a.externalId, a));
    for (Kept kept : decision.keep()) {
      Artifact a = artifacts.get(kept.id());
      byExternal.put(kept.id(), verdict(a, true, kept.reasons().stream().map(Enum::name).toList()));
    }
    for (Deletion deletion : decision.delete()) {
      Artifact a = artifacts.get(deletion.id());
      byExternal.put(deletion.id(), verdict(a, false, List.of(deletion.reason().name())));
    }
    List<BackupVerdict> backups =
        live.stream().map(a -> byExternal.get(a.externalId)).filter(v -> v != null).toList();
    return new TargetPreview(
        target.externalId, target.kind.name(), target.name, ownPolicy, backups);
  }

  private static BackupVerdict verdict(Artifact a, boolean keep, List<String> reasons) {
    return new BackupVerdict(
        a.publicId, a.createdAt, a.backupType == null ? null : a.backupType.name(), keep, reasons);
  }
}
