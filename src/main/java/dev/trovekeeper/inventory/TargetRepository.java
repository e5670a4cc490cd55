package dev.trovekeeper.inventory;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
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
}
