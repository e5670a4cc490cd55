package dev.trovekeeper.migration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

/**
 * The id map's scopes: one per project, database, source tenant and target tenant, so every
 * migration of the same tenant into the same tenant shares one map (a second run updates what the
 * first created) and no other project's map is ever read.
 */
@ApplicationScoped
class MigrationScopes {

  private final EntityManager em;
  private final Clock clock;

  MigrationScopes(EntityManager em, Clock clock) {
    this.em = em;
    this.clock = clock;
  }

  /** The scope's id, 0 when there is none yet (read only: a plan creates nothing). */
  @Transactional
  long find(MigrationTargets.Checked c) {
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery("SELECT id FROM migration_scopes WHERE scope_hash = ?1")
            .setParameter(1, hash(c))
            .getResultList();
    return ids.isEmpty() ? 0 : ids.get(0).longValue();
  }

  /** The scope's id, created when missing; joins the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  long findOrCreate(MigrationTargets.Checked c) {
    em.createNativeQuery(
            "INSERT IGNORE INTO migration_scopes (scope_hash, project_id, source_db,"
                + " source_tenant, target_tenant, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        .setParameter(1, hash(c))
        .setParameter(2, c.source().projectId)
        .setParameter(3, c.database())
        .setParameter(4, shown(c.sourceTenant()))
        .setParameter(5, shown(c.targetTenant()))
        .setParameter(6, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .executeUpdate();
    return find(c);
  }

  /** A tenant as the scope row shows it (a long REST base URL cut; the hash has it whole). */
  private static String shown(String tenant) {
    return tenant.length() <= 255 ? tenant : tenant.substring(0, 255);
  }

  private static String hash(MigrationTargets.Checked c) {
    String scope =
        String.join("\n", c.source().projectId, c.database(), c.sourceTenant(), c.targetTenant());
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(scope.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
