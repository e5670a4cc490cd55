package dev.trovekeeper.migration;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Migration runs' rows. */
@ApplicationScoped
public class MigrationRepository implements PanacheRepositoryBase<Migration, Long> {}
