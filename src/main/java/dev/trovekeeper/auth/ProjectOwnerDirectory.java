package dev.trovekeeper.auth;

import java.util.Optional;

/**
 * Where an operator recorded who owns a project (the operator feature implements it), so that
 * deletions can be confirmed without a server configuration change.
 */
public interface ProjectOwnerDirectory {

  /** The owner e-mail an operator set for the project, if any. */
  Optional<String> ownerEmail(String projectId);
}
