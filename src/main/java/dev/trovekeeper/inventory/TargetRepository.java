package dev.trovekeeper.inventory;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Targets by kind, external id and project. */
@ApplicationScoped
public class TargetRepository implements PanacheRepository<Target> {

  public Optional<Target> findByExternalId(TargetKind kind, String externalId) {
    return find("kind = ?1 and externalId = ?2", kind, externalId).firstResultOptional();
  }

  public List<Target> listByKind(TargetKind kind) {
    return list("kind", Sort.by("projectId").and("name").and("id"), kind);
  }

  public List<Target> listByProject(TargetKind kind, String projectId) {
    return list("kind = ?1 and projectId = ?2", Sort.by("name").and("id"), kind, projectId);
  }

  /**
   * Stamps the Trove instances {@code externalIds} as listed by the reconcile pass that started at
   * {@code passStartedAt} (and seen {@code now}), in one statement after flushing this
   * transaction's new and changed targets. A stamp never goes back: a concurrent pass that started
   * later keeps its own.
   */
  void stampListed(Collection<String> externalIds, Instant passStartedAt, Instant now) {
    flush();
    getEntityManager()
        .createNativeQuery(
            "UPDATE targets SET listed_in_pass_at = :pass, last_seen_at = :now"
                + " WHERE kind = :kind AND external_id IN (:ids)"
                + " AND (listed_in_pass_at IS NULL OR listed_in_pass_at < :pass)")
        .setParameter("pass", passStartedAt)
        .setParameter("now", now)
        .setParameter("kind", TargetKind.TROVE_INSTANCE.name())
        .setParameter("ids", externalIds)
        .executeUpdate();
  }

  /**
   * Up to {@code limit} live Trove instances after target id {@code afterId}, by id, that the pass
   * started at {@code passStartedAt} did not list (nor a later one) and that were known before it
   * started.
   */
  List<Target> notListedSince(Instant passStartedAt, long afterId, int limit) {
    return find(
            "kind = ?1 and id > ?2 and (listedInPassAt is null or listedInPassAt < ?3)"
                + " and createdAt < ?3 and deletedAt is null and status <> ?4 order by id",
            TargetKind.TROVE_INSTANCE,
            afterId,
            passStartedAt,
            Target.STATUS_VANISHED)
        .page(0, limit)
        .list();
  }
}
