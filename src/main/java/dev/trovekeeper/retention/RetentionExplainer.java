package dev.trovekeeper.retention;

import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.policy.InvalidRetentionRuleException;
import dev.trovekeeper.policy.Policy;
import dev.trovekeeper.policy.PolicyService;
import dev.trovekeeper.policy.RetentionRule;
import dev.trovekeeper.policy.RetentionRules;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.RetentionView;
import dev.trovekeeper.run.RunService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shows tenants what retention keeps and why: the same pure decision the executor applies, run on
 * the target's live backups under its effective policy now, each backup with its keep reasons
 * (keep-last, daily, weekly, monthly, max age, needed by a live incremental chain, newest good) or
 * the rule that will prune it.
 */
@ApplicationScoped
public class RetentionExplainer implements RetentionView.Source {

  private final RunService runs;
  private final InventoryService inventory;
  private final PolicyService policies;
  private final Clock clock;

  RetentionExplainer(
      RunService runs, InventoryService inventory, PolicyService policies, Clock clock) {
    this.runs = runs;
    this.inventory = inventory;
    this.policies = policies;
    this.clock = clock;
  }

  @Override
  public Map<String, RetentionView> of(long targetId) {
    Map<String, RetentionView> views = new HashMap<>();
    List<Artifact> live = runs.liveArtifacts(targetId);
    live.stream()
        .filter(a -> RetentionExecutor.DELETING.equals(a.status))
        .forEach(a -> views.put(a.externalId, new RetentionView("DELETING", List.of())));
    Optional<Target> target = inventory.find(targetId);
    Optional<Policy> policy = target.flatMap(this::policyOf);
    if (policy.isEmpty()) {
      return views;
    }
    RetentionRule rule;
    try {
      rule = RetentionRules.of(policy.get());
    } catch (InvalidRetentionRuleException e) {
      return views;
    }
    List<Artifact> undecided =
        live.stream().filter(a -> !RetentionExecutor.DELETING.equals(a.status)).toList();
    RetentionDecision decision =
        Retention.decide(rule, RetentionExecutor.records(target.get(), undecided), clock.instant());
    for (Kept kept : decision.keep()) {
      List<String> reasons = kept.reasons().stream().map(Enum::name).sorted().toList();
      views.put(kept.id(), new RetentionView("KEPT", reasons));
    }
    for (Deletion deletion : decision.delete()) {
      views.put(
          deletion.id(), new RetentionView("WILL_BE_PRUNED", List.of(deletion.reason().name())));
    }
    return views;
  }

  private Optional<Policy> policyOf(Target target) {
    return policies.effective(target);
  }
}
