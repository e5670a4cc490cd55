package dev.trovekeeper.inventory;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.ProjectScope;
import dev.trovekeeper.trove.TroveInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Use cases of the inventory: registering instances and reconciling with Trove's list. */
@ApplicationScoped
public class InventoryService {

  private final TargetRepository targets;
  private final Clock clock;
  private final Event<TargetRegistered> registered;
  private final Event<TargetGone> gone;

  InventoryService(
      TargetRepository targets,
      Clock clock,
      Event<TargetRegistered> registered,
      Event<TargetGone> gone) {
    this.targets = targets;
    this.clock = clock;
    this.registered = registered;
    this.gone = gone;
  }

  /** {@link #reconcileChunk(List, Instant)} as a pass of its own that starts now. */
  @Transactional
  public ReconcileReport reconcileChunk(List<TroveInstance> chunk) {
    return reconcileChunk(chunk, clock.instant());
  }

  /**
   * Applies one chunk of a listing of Trove instances, in one transaction: adds those not known
   * yet, updates the known ones that changed, and stamps every listed one as listed by the pass
   * that started at {@code passStartedAt}. A constant number of statements for the chunk (one
   * query, one stamp), plus one write per new or changed target. Vanished ones are marked by {@link
   * #markVanished} once the whole listing is applied.
   */
  @Transactional
  public ReconcileReport reconcileChunk(List<TroveInstance> chunk, Instant passStartedAt) {
    Instant now = clock.instant();
    Map<String, Target> known = new HashMap<>();
    List<String> ids = chunk.stream().map(TroveInstance::id).distinct().toList();
    if (!ids.isEmpty()) {
      targets
          .list("kind = ?1 and externalId in ?2", TargetKind.TROVE_INSTANCE, ids)
          .forEach(t -> known.put(t.externalId, t));
    }
    int added = 0;
    int updated = 0;
    for (TroveInstance instance : chunk) {
      if (DrillInstances.isDrill(instance.name())) {
        continue; // a restore drill's throwaway instance: never protected, the drill deletes it
      }
      Target target = known.get(instance.id());
      if (target == null) {
        target = newTarget(instance, DiscoverySource.RECONCILE, now);
        register(target);
        known.put(instance.id(), target); // listed twice in one answer: once is enough
        added++;
      } else {
        boolean wasVanished = Target.STATUS_VANISHED.equals(target.status);
        if (apply(target, instance, now)) {
          updated++;
        }
        if (wasVanished && !target.isGone()) {
          registered.fire(new TargetRegistered(target.id)); // listed again: schedule it again
        }
      }
    }
    if (!ids.isEmpty()) {
      targets.stampListed(ids, passStartedAt, now);
    }
    return new ReconcileReport(chunk.size(), added, updated, 0, 1, chunk.size());
  }

  /**
   * Marks vanished up to {@code limit} Trove instances with a target id above {@code afterId} (one
   * transaction) that the pass started at {@code passStartedAt} did not list: not stamped by it
   * (nor by a later pass), not gone already, and registered before it started (a notification may
   * have added one since). The decision is the query's: the pass holds no listed ids.
   *
   * @return the page's report; {@code largestChunk} is the number of targets marked, fewer than
   *     {@code limit} on the last page
   */
  @Transactional
  public VanishPage markVanished(Instant passStartedAt, long afterId, int limit) {
    Instant now = clock.instant();
    List<Target> page = targets.notListedSince(passStartedAt, afterId, limit);
    for (Target target : page) {
      target.status = Target.STATUS_VANISHED;
      target.updatedAt = now;
      gone.fire(new TargetGone(target.id, "no longer listed by Trove"));
    }
    long last = page.isEmpty() ? afterId : page.get(page.size() - 1).id;
    return new VanishPage(new ReconcileReport(0, 0, 0, page.size(), 1, page.size()), last);
  }

  /** One page of {@link #markVanished}: its report and the last target id read. */
  public record VanishPage(ReconcileReport report, long lastId) {}

  /** Stores a new target and tells the features that follow targets (schedules) about it. */
  void register(Target target) {
    targets.persist(target);
    registered.fire(new TargetRegistered(target.id));
  }

  /** Marks a target deleted (kept with its backups) and tells the followers. */
  void markDeleted(Target target, Instant now) {
    target.status = Target.STATUS_DELETED;
    target.deletedAt = now;
    target.updatedAt = now;
    gone.fire(new TargetGone(target.id, "deleted in Trove"));
  }

  /**
   * Registers a tenant dataset as a target of kind DATASET with a random public id (a lower-case
   * UUID), status ACTIVE, and tells the followers (its schedule under the project's policy).
   */
  @Transactional
  public Target registerDataset(String projectId, String name) {
    Instant now = clock.instant();
    Target target = new Target();
    target.kind = TargetKind.DATASET;
    target.externalId = java.util.UUID.randomUUID().toString();
    target.projectId = projectId;
    target.name = name;
    target.status = "ACTIVE";
    target.discoveredBy = DiscoverySource.API;
    target.createdAt = now;
    target.updatedAt = now;
    register(target);
    return target;
  }

  /**
   * Marks a target deleted by its tenant (a dataset): its schedule stops, its backups stay and age
   * out under retention as those of a deleted instance do.
   */
  @Transactional
  public void markDeletedByTenant(Target target, String reason) {
    Instant now = clock.instant();
    target.status = Target.STATUS_DELETED;
    target.deletedAt = now;
    target.updatedAt = now;
    gone.fire(new TargetGone(target.id, reason));
  }

  /**
   * The target of {@code kind} with this public id as {@code caller} may see it; 404 {@code
   * NOT_FOUND} when unknown or of another project (the same answer for both).
   */
  @Transactional
  public Target targetFor(Caller caller, TargetKind kind, String externalId) {
    Target target = targets.findByExternalId(kind, externalId).orElse(null);
    if (target == null || !ProjectScope.allows(caller, target.projectId)) {
      throw new KeeperException(
          ErrorCode.NOT_FOUND,
          kind == TargetKind.DATASET
              ? "no such dataset in the project"
              : "no such instance in the project");
    }
    return target;
  }

  /** The target of {@code kind} with this public id, of any project (callers check the scope). */
  @Transactional
  public java.util.Optional<Target> findTarget(TargetKind kind, String externalId) {
    return targets.findByExternalId(kind, externalId);
  }

  /**
   * One page of targets of {@code kind} by target id after {@code afterId}: of one project (null:
   * of every project), optionally with one status; up to {@code limit + 1} rows.
   */
  @Transactional
  public List<Target> targetPage(
      TargetKind kind, String projectIdOrNull, String statusOrNull, Long afterId, int limit) {
    StringBuilder query = new StringBuilder("kind = :kind");
    Map<String, Object> params = new HashMap<>();
    params.put("kind", kind);
    if (projectIdOrNull != null) {
      query.append(" and projectId = :project");
      params.put("project", projectIdOrNull);
    }
    if (statusOrNull != null) {
      query.append(" and status = :status");
      params.put("status", statusOrNull);
    }
    if (afterId != null) {
      query.append(" and id > :after");
      params.put("after", afterId);
    }
    return targets.find(query + " order by id", params).page(0, limit + 1).list();
  }

  /** Targets of every kind known to the service, optionally of one project. */
  @Transactional
  public List<Target> targets(String projectId) {
    return projectId == null
        ? targets.list("order by projectId, name, id")
        : targets.list("projectId = ?1 order by name, id", projectId);
  }

  /** Trove instances known to the service, optionally of one project. */
  @Transactional
  public List<Target> instances(String projectId) {
    return projectId == null
        ? targets.listByKind(TargetKind.TROVE_INSTANCE)
        : targets.listByProject(TargetKind.TROVE_INSTANCE, projectId);
  }

  /**
   * One page of Trove instances by target id, after {@code afterId}: of one project (null: of every
   * project), optionally with one Trove status; up to {@code limit + 1} rows, the extra one tells
   * that there is a next page.
   */
  @Transactional
  public List<Target> instancePage(
      String projectIdOrNull, String statusOrNull, Long afterId, int limit) {
    return instancePage(projectIdOrNull, statusOrNull, null, afterId, limit);
  }

  /**
   * One page of Trove instances; {@code goneOrNull} true keeps only deleted or vanished ones, false
   * only live ones, null both.
   */
  @Transactional
  public List<Target> instancePage(
      String projectIdOrNull, String statusOrNull, Boolean goneOrNull, Long afterId, int limit) {
    StringBuilder query = new StringBuilder("kind = :kind");
    java.util.Map<String, Object> params = new java.util.HashMap<>();
    params.put("kind", TargetKind.TROVE_INSTANCE);
    if (projectIdOrNull != null) {
      query.append(" and projectId = :project");
      params.put("project", projectIdOrNull);
    }
    if (statusOrNull != null) {
      query.append(" and status = :status");
      params.put("status", statusOrNull);
    }
    if (goneOrNull != null) {
      query.append(
          goneOrNull
              ? " and (deletedAt is not null or status in ('VANISHED', 'DELETED'))"
              : " and deletedAt is null and status not in ('VANISHED', 'DELETED')");
    }
    if (afterId != null) {
      query.append(" and id > :after");
      params.put("after", afterId);
    }
    return targets.find(query + " order by id", params).page(0, limit + 1).list();
  }

  /**
   * The Trove instance {@code instanceId} as {@code caller} may see it; 404 {@code NOT_FOUND} when
   * unknown or of another project (so its existence does not leak).
   */
  @Transactional
  public Target instanceFor(Caller caller, String instanceId) {
    Target target = targets.findByExternalId(TargetKind.TROVE_INSTANCE, instanceId).orElse(null);
    // Another project's instance answers exactly as an unknown id does.
    if (target == null || !ProjectScope.allows(caller, target.projectId)) {
      throw new KeeperException(ErrorCode.NOT_FOUND, "no such instance in the project");
    }
    return target;
  }

  /** The Trove instance with this Trove id, of any project (callers check the scope). */
  @Transactional
  public java.util.Optional<Target> findInstance(String instanceId) {
    return targets.findByExternalId(TargetKind.TROVE_INSTANCE, instanceId);
  }

  /** Targets by id, with one query; unknown ids are absent from the map. */
  @Transactional
  public java.util.Map<Long, Target> findAll(java.util.Collection<Long> targetIds) {
    java.util.Map<Long, Target> found = new java.util.HashMap<>();
    if (!targetIds.isEmpty()) {
      targets.list("id in ?1", targetIds).forEach(t -> found.put(t.id, t));
    }
    return found;
  }

  /** A target by id, if known. */
  @Transactional
  public java.util.Optional<Target> find(long targetId) {
    return targets.findByIdOptional(targetId);
  }

  /**
   * Records the status Trove just answered for a live instance's target (one UPDATE, nothing when
   * unchanged), so the next run need not ask Trove again. A gone target keeps VANISHED/DELETED.
   */
  @Transactional
  public void recordStatus(long targetId, String status) {
    targets.update(
        "status = ?1, updatedAt = ?2 where id = ?3 and status <> ?1 and deletedAt is null"
            + " and status not in (?4)",
        status,
        clock.instant(),
        targetId,
        List.of(Target.STATUS_VANISHED, Target.STATUS_DELETED, Target.STATUS_SUSPENDED));
  }

  /** Trove instances of a project that are not gone, for quota estimates. */
  @Transactional
  public long countLiveInstances(String projectId) {
    return targets.count(
        "kind = ?1 and projectId = ?2 and deletedAt is null and status <> ?3",
        TargetKind.TROVE_INSTANCE,
        projectId,
        Target.STATUS_VANISHED);
  }

  /** Live Trove instances per project (projects without any are absent), for quota checks. */
  @Transactional
  public java.util.Map<String, Long> countLiveInstancesByProject() {
    java.util.Map<String, Long> counts = new java.util.HashMap<>();
    targets
        .getEntityManager()
        .createQuery(
            "select t.projectId, count(t) from Target t where t.kind = ?1 and t.deletedAt is null"
                + " and t.status <> ?2 group by t.projectId",
            Object[].class)
        .setParameter(1, TargetKind.TROVE_INSTANCE)
        .setParameter(2, Target.STATUS_VANISHED)
        .getResultList()
        .forEach(row -> counts.put((String) row[0], (Long) row[1]));
    return counts;
  }

  static Target newTarget(TroveInstance instance, DiscoverySource source, Instant now) {
    Target target = new Target();
    target.kind = TargetKind.TROVE_INSTANCE;
    target.externalId = instance.id();
    target.projectId = instance.projectId();
    target.discoveredBy = source;
    target.createdAt = now;
    apply(target, instance, now);
    return target;
  }

  /**
   * Copies what Trove says onto the target; true when something changed. An unchanged target is
   * left untouched (no UPDATE): the pass's stamp records that Trove listed it.
   */
  private static boolean apply(Target target, TroveInstance instance, Instant now) {
    String name = instance.name() == null ? instance.id() : instance.name();
    // A delete notification is final: Trove may list the instance (SHUTDOWN) a while longer.
    String status = target.deletedAt != null ? Target.STATUS_DELETED : instance.status();
    boolean changed =
        !Objects.equals(target.name, name)
            || !Objects.equals(target.status, status)
            || !Objects.equals(target.datastoreType, instance.datastoreType())
            || !Objects.equals(target.datastoreVersion, instance.datastoreVersion())
            || !Objects.equals(target.region, instance.region());
    if (changed || target.id == null) {
      target.name = name;
      target.status = status;
      target.datastoreType = instance.datastoreType();
      target.datastoreVersion = instance.datastoreVersion();
      target.region = instance.region();
      target.lastSeenAt = now;
      target.updatedAt = now;
    }
    return changed;
  }
}
