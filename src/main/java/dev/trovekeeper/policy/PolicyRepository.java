package dev.trovekeeper.policy;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Policies by scope. */
@ApplicationScoped
public class PolicyRepository implements PanacheRepository<Policy> {

  public static String globalKey() {
    return "GLOBAL";
  }

  public static String projectKey(String projectId) {
    return "PROJECT:" + projectId;
  }

  public static String targetKey(long targetId) {
    return "TARGET:" + targetId;
  }

  public Optional<Policy> findByScopeKey(String scopeKey) {
    return find("scopeKey", scopeKey).firstResultOptional();
  }
}
