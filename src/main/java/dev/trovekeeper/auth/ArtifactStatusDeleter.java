package dev.trovekeeper.auth;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Default {@link BackupDeleter}: marks the artifacts {@code DELETING} for a later job. */
@ApplicationScoped
@DefaultBean
public class ArtifactStatusDeleter implements BackupDeleter {

  private final EntityManager em;
  private final Clock clock;

  ArtifactStatusDeleter(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  @Override
  public Map<String, String> projectsOf(Collection<String> publicIds) {
    Map<String, String> projects = new HashMap<>();
    em.createQuery(
            "select a.publicId, a.projectId from Artifact a"
                + " where a.publicId in :ids and a.status <> 'DELETED'",
            Object[].class)
        .setParameter("ids", publicIds)
        .getResultList()
        .forEach(row -> projects.put((String) row[0], (String) row[1]));
    return projects;
  }

  @Override
  public List<Described> describe(String projectId, Collection<String> publicIds) {
    return em
        .createQuery(
            "select a.publicId, a.externalId, a.backupType, a.createdAt from Artifact a"
                + " where a.publicId in :ids and a.projectId = :project order by a.createdAt, a.id",
            Object[].class)
        .setParameter("ids", publicIds)
        .setParameter("project", projectId)
        .getResultList()
        .stream()
        .map(
            row ->
                new Described(
                    (String) row[0], (String) row[1], String.valueOf(row[2]), (Instant) row[3]))
        .toList();
  }

  @Override
  public void delete(String projectId, List<String> publicIds) {
    em.createQuery(
            "update Artifact a set a.status = 'DELETING', a.updatedAt = :now,"
                + " a.version = a.version + 1"
                + " where a.publicId in :ids and a.projectId = :project and a.status <> 'DELETED'")
        .setParameter("now", clock.instant())
        .setParameter("ids", publicIds)
        .setParameter("project", projectId)
        .executeUpdate();
  }
}
