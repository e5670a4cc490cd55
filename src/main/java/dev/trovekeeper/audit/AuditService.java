package dev.trovekeeper.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * Writes who changed what, with the state before and after as JSON, in the same transaction as the
 * change; operators read it back newest first.
 */
@ApplicationScoped
public class AuditService {

  /** The service itself, for changes no person made (assignments, retention). */
  public static final String SYSTEM = "trove-keeper";

  private final AuditRepository entries;
  private final ObjectMapper json;
  private final Clock clock;

  AuditService(AuditRepository entries, ObjectMapper json, Clock clock) {
    this.entries = entries;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Records one change; {@code before} and {@code after} are serialised to JSON (null: none).
   *
   * @param actor user id (or {@link #SYSTEM})
   * @param action e.g. {@code policy.update}
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void record(
      String actor,
      String actorProject,
      String action,
      String resourceType,
      String resourceId,
      String projectId,
      Object before,
      Object after,
      String requestId) {
    AuditEntry entry = new AuditEntry();
    entry.occurredAt = clock.instant();
    entry.actor = actor;
    entry.actorProject = actorProject;
    entry.action = action;
    entry.resourceType = resourceType;
    entry.resourceId = resourceId;
    entry.projectId = projectId;
    entry.beforeJson = toJson(before);
    entry.afterJson = toJson(after);
    entry.requestId = requestId;
    entries.persist(entry);
  }

  /**
   * Entries newest first, optionally of one project, after the entry {@code afterPublicId} (a
   * cursor's key); an entry that is not in that list is 400 {@code cursor}.
   */
  @Transactional
  public List<AuditEntry> list(String projectIdOrNull, String afterPublicId, int limit) {
    Long beforeId = null;
    if (afterPublicId != null) {
      beforeId =
          entries
              .find("publicId", afterPublicId)
              .firstResultOptional()
              .filter(e -> projectIdOrNull == null || projectIdOrNull.equals(e.projectId))
              .map(e -> e.id)
              .orElseThrow(dev.trovekeeper.api.Cursor::invalid);
    }
    StringBuilder query = new StringBuilder("1 = 1");
    java.util.Map<String, Object> params = new java.util.HashMap<>();
    if (projectIdOrNull != null) {
      query.append(" and projectId = :project");
      params.put("project", projectIdOrNull);
    }
    if (beforeId != null) {
      query.append(" and id < :before");
      params.put("before", beforeId);
    }
    return entries.find(query + " order by id desc", params).page(0, limit).list();
  }

  private String toJson(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serialisable for the audit log: " + value, e);
    }
  }

  /** Deletes up to {@code batch} entries older than {@code cutoff}; returns how many. */
  @Transactional
  public int pruneBefore(java.time.Instant cutoff, int batch) {
    return entries
        .getEntityManager()
        .createNativeQuery("DELETE FROM audit_log WHERE occurred_at < ?1 ORDER BY id LIMIT ?2")
        .setParameter(1, java.time.LocalDateTime.ofInstant(cutoff, java.time.ZoneOffset.UTC))
        .setParameter(2, batch)
        .executeUpdate();
  }
}
