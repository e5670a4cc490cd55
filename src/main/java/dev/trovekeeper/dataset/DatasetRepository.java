package dev.trovekeeper.dataset;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Datasets by their target id. */
@ApplicationScoped
public class DatasetRepository implements PanacheRepositoryBase<Dataset, Long> {}
