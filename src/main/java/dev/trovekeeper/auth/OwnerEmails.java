package dev.trovekeeper.auth;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * Who owns a project (confirms its deletions, hears of its suspended datasets): the owner e-mail an
 * operator set ({@code PUT /v1/admin/projects/{id}}), else {@code
 * keeper.auth.owner-email.<project-id>}, else {@code keeper.auth.owner-email.default}.
 */
@ApplicationScoped
public class OwnerEmails {

  private final ProjectOwnerDirectory directory;
  private final Map<String, String> configured;

  OwnerEmails(ProjectOwnerDirectory directory, AuthConfig config) {
    this.directory = directory;
    this.configured = config.ownerEmail();
  }

  /** The owner's address, if one is recorded or configured (also for other mails to owners). */
  public Optional<String> find(String projectId) {
    return directory
        .ownerEmail(projectId)
        .or(() -> Optional.ofNullable(configured.get(projectId)))
        .or(() -> Optional.ofNullable(configured.get("default")))
        .filter(email -> !email.isBlank());
  }

  /** The owner's address, or 422 {@code OWNER_EMAIL_UNKNOWN} telling the tenant whom to ask. */
  String of(String projectId) {
    return find(projectId)
        .orElseThrow(
            () ->
                new KeeperException(
                    ErrorCode.OWNER_EMAIL_UNKNOWN,
                    "nobody is recorded as the owner of project "
                        + projectId
                        + " to confirm deletions: ask your cloud operator to set the project's"
                        + " owner e-mail"));
  }
}
