package dev.trovekeeper.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Keystone's data: projects, users, role assignments, application credentials and tokens. */
final class IdentityStore {

  record Project(String id, String name, String domainId) {}

  record User(String id, String name, String domainId, String password) {}

  record AppCredential(String id, String name, String secret, String userId, String projectId) {}

  private final Map<String, Project> projects = new ConcurrentHashMap<>();
  private final Map<String, User> users = new ConcurrentHashMap<>();
  private final Map<String, Map<String, List<String>>> roles = new ConcurrentHashMap<>();
  private final Map<String, AppCredential> appCredentials = new ConcurrentHashMap<>();
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration ttl;

  IdentityStore(Clock clock, Duration ttl) {
    this.clock = clock;
    this.ttl = ttl;
  }

  void addProject(String id, String name) {
    projects.put(id, new Project(id, name, DemoSeed.DOMAIN_ID));
  }

  String addUser(String id, String name, String password) {
    users.put(id, new User(id, name, DemoSeed.DOMAIN_ID, password));
    return id;
  }

  void grant(String userId, String projectId, String role) {
    roles
        .computeIfAbsent(userId, u -> new ConcurrentHashMap<>())
        .merge(projectId, List.of(role), (a, b) -> concat(a, b));
  }

  void addAppCredential(String id, String secret, String userId, String projectId) {
    appCredentials.put(id, new AppCredential(id, "trove-keeper", secret, userId, projectId));
  }

  Optional<Project> project(String id) {
    return Optional.ofNullable(projects.get(id));
  }

  Optional<Project> projectByName(String name, String domain) {
    return projects.values().stream()
        .filter(p -> p.name().equals(name) && domainMatches(domain))
        .findFirst();
  }

  Optional<User> user(String id) {
    return Optional.ofNullable(users.get(id));
  }

  Optional<User> userByName(String name, String domain) {
    return users.values().stream()
        .filter(u -> u.name().equals(name) && domainMatches(domain))
        .findFirst();
  }

  Optional<AppCredential> appCredential(String id) {
    return Optional.ofNullable(appCredentials.get(id));
  }

  List<String> rolesOf(String userId, String projectId) {
    return roles.getOrDefault(userId, Map.of()).getOrDefault(projectId, List.of());
  }

  /** The projects the user holds a role in, by name. */
  List<Project> projectsOf(String userId) {
    return roles.getOrDefault(userId, Map.of()).entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .map(e -> projects.get(e.getKey()))
        .filter(java.util.Objects::nonNull)
        .sorted(java.util.Comparator.comparing(Project::name))
        .toList();
  }

  Token issue(User user, Project project, List<String> methods, String appCredentialId) {
    var now = clock.instant();
    var token =
        new Token(
            UUID.randomUUID().toString().replace("-", ""),
            user,
            project,
            List.copyOf(methods),
            project == null ? List.of() : rolesOf(user.id(), project.id()),
            appCredentialId,
            now,
            now.plus(ttl));
    tokens.put(token.id(), token);
    return token;
  }

  /** A token that exists and has not expired. */
  Optional<Token> valid(String tokenId) {
    if (tokenId == null) {
      return Optional.empty();
    }
    var token = tokens.get(tokenId);
    return token == null || token.expired(clock.instant()) ? Optional.empty() : Optional.of(token);
  }

  private static boolean domainMatches(String domain) {
    return domain == null
        || domain.equalsIgnoreCase(DemoSeed.DOMAIN_ID)
        || domain.equals(DemoSeed.DOMAIN_NAME);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    var all = new java.util.ArrayList<>(a);
    b.stream().filter(r -> !all.contains(r)).forEach(all::add);
    return List.copyOf(all);
  }
}
