package dev.trovekeeper.operator;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Tiers by name. */
@ApplicationScoped
public class TierRepository implements PanacheRepository<Tier> {

  public Optional<Tier> findByName(String name) {
    return find("name", name).firstResultOptional();
  }
}
