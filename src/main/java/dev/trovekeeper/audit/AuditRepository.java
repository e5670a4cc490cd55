package dev.trovekeeper.audit;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

/** The audit log rows. */
@ApplicationScoped
public class AuditRepository implements PanacheRepository<AuditEntry> {}
