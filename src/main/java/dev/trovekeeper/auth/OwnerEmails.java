package dev.trovekeeper.auth;

import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * Who confirms deletions of a project: {@code keeper.auth.owner-email.<project-id>}, else {@code
 * keeper.auth.owner-email.default}.
 */
@ApplicationScoped
class OwnerEmails {

  private final Map<String, String> emails;

  OwnerEmails(AuthConfig config) {
    this.emails = config.ownerEmail();
  }

  /** The owner's address, or 422 {@code OWNER_EMAIL_UNKNOWN}. */
  String of(String projectId) {
    return Optional.ofNullable(emails.get(projectId))
        .or(() -> Optional.ofNullable(emails.get("default")))
        .filter(email -> !email.isBlank())
        .orElseThrow(
            () ->
                new KeeperException(
                    ErrorCode.OWNER_EMAIL_UNKNOWN,
                    "no owner e-mail for project "
                        + projectId
                        + ": set keeper.auth.owner-email."
                        + projectId
                        + " or keeper.auth.owner-email.default"));
  }
}
