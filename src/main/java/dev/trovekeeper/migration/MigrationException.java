package dev.trovekeeper.migration;

/**
 * A migration cannot go on for a reason that retrying will not heal (the target's schema no longer
 * fits the backup, a row references one the backup lacks, a cycle no nullable column can break).
 */
class MigrationException extends RuntimeException {

  private final String code;

  MigrationException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** The run's reason code. */
  String code() {
    return code;
  }
}
