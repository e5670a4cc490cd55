package dev.trovekeeper.run;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@link Restore} rows of restore and drill runs, by run id. */
@ApplicationScoped
public class RestoreRepository implements PanacheRepositoryBase<Restore, Long> {}
