package dev.trovekeeper.source.sql;

import dev.trovekeeper.config.Secret;

/**
 * The database login of a SQL source; {@link #toString()} shows neither part.
 *
 * @param username the user
 * @param password the password
 */
public record SqlCredentials(String username, Secret password) {

  @Override
  public String toString() {
    return "SqlCredentials[******]";
  }
}
