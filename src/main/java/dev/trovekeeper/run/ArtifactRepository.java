package dev.trovekeeper.run;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Backups the service made, per target. */
@ApplicationScoped
public class ArtifactRepository implements PanacheRepository<Artifact> {

  public Optional<Artifact> findByExternalId(long targetId, String externalId) {
    return find("targetId = ?1 and externalId = ?2", targetId, externalId).firstResultOptional();
  }

  /** Artifacts not yet deleted, oldest first. */
  public List<Artifact> listLive(long targetId) {
    return list("targetId = ?1 and status not in ('DELETED') order by createdAt, id", targetId);
  }
}
