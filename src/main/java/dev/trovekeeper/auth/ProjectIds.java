package dev.trovekeeper.auth;

import dev.trovekeeper.api.KeeperException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks a Keystone project id given in a request against {@code keeper.auth.project-id-pattern}
 * (default: Keystone's 32 hex digits; the demo region's readable ids when it runs), so that no path
 * or body can name something that is not a project id (such as {@code ..}).
 */
@ApplicationScoped
public class ProjectIds {

  /** Keystone's project ids: uuid4 hex. */
  static final String KEYSTONE = "[0-9a-f]{32}";

  /** The built-in demo region's ids ({@code demo-project-a}, {@code service}); no dots. */
  static final String DEMO = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";

  private final Pattern pattern;

  ProjectIds(
      AuthConfig config,
      @ConfigProperty(name = "keeper.demo.enabled", defaultValue = "false") boolean demo) {
    this.pattern = Pattern.compile(config.projectIdPattern().orElse(demo ? DEMO : KEYSTONE));
  }

  /** The id; 400 naming {@code field} unless it has the form of a project id. */
  public String require(String field, String projectId) {
    if (projectId == null || !pattern.matcher(projectId).matches()) {
      throw KeeperException.invalid(
          field, "must be a Keystone project id (matching " + pattern.pattern() + ")");
    }
    return projectId;
  }
}
