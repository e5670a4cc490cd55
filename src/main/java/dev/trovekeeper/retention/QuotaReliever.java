package dev.trovekeeper.retention;

import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.inventory.TargetKind;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.QuotaRelief;
import dev.trovekeeper.run.RunService;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes room under a project's Trove backup quota before a backup: first each target's own
 * retention rules (which otherwise run only after a success, so a project at its quota would never
 * prune again), then, if that freed nothing, the oldest backup {@link QuotaRoom} allows.
 */
@ApplicationScoped
public class QuotaReliever implements QuotaRelief {

  private final RunService runs;
  private final InventoryService inventory;
  private final RetentionExecutor executor;

  QuotaReliever(RunService runs, InventoryService inventory, RetentionExecutor executor) {
    this.runs = runs;
    this.inventory = inventory;
    this.executor = executor;
  }

  @Override
  public boolean makeRoom(String projectId) {
    // Only Trove backups count against Trove's quota: dataset archives are never deleted for it.
    List<Long> ids = runs.targetsWithLiveArtifacts(projectId);
    Map<Long, Target> known = inventory.findAll(ids);
    Map<Long, Target> troveTargets = new LinkedHashMap<>();
    for (Long id : ids) {
      Target target = known.get(id);
      if (target != null && target.kind == TargetKind.TROVE_INSTANCE) {
        troveTargets.put(id, target);
      }
    }
    int freed = 0;
    for (Long targetId : troveTargets.keySet()) {
      freed += executor.applyForRoom(targetId);
    }
    if (freed > 0) {
      Log.infof("Project %s at its backup quota: retention rules freed %d", projectId, freed);
      return true;
    }
    for (Candidate candidate : candidates(troveTargets.values())) {
      if (executor.deleteForRoom(candidate.targetId(), candidate.artifact())) {
        Log.warnf(
            "Project %s at its backup quota: deleted backup %s of target %d before its rules"
                + " would have (oldest that no chain needs)",
            projectId, candidate.artifact().externalId, candidate.targetId());
        return true;
      }
    }
    Log.warnf("Project %s at its backup quota and no backup may be deleted", projectId);
    return false;
  }

  private record Candidate(long targetId, Artifact artifact) {}

  private List<Candidate> candidates(Collection<Target> targets) {
    List<Candidate> all = new ArrayList<>();
    for (Target target : targets) {
      long targetId = target.id;
      List<Artifact> live =
          runs.liveArtifacts(targetId).stream()
              .filter(a -> !RetentionExecutor.DELETING.equals(a.status))
              .toList();
      Map<String, Artifact> byExternalId = new HashMap<>();
      live.forEach(a -> byExternalId.put(a.externalId, a));
      for (BackupRecord record : QuotaRoom.candidates(RetentionExecutor.records(target, live))) {
        all.add(new Candidate(targetId, byExternalId.get(record.id())));
      }
    }
    all.sort(Comparator.comparing((Candidate c) -> c.artifact().createdAt));
    return all;
  }
}
