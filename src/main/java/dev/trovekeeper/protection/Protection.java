package dev.trovekeeper.protection;

import java.time.Duration;

/**
 * How well a target is protected now, decided by {@link ProtectionFacts#protection}; the first that
 * applies wins, in the order listed.
 */
public enum Protection {
  /** Deleted in Trove (or vanished from its listing); its remaining backups are listed. */
  DELETED,
  /**
   * A dataset suspended because its source refused the stored credentials or its tenant is
   * inactive: nothing is backed up (and nothing deleted) until it is resumed, so it is neither
   * failing nor stale, and no RPO breach is reported for it.
   */
  SUSPENDED,
  /** No policy applies. */
  NO_POLICY,
  /** The fleet, the project or the effective policy is paused: no backups are taken. */
  PAUSED,
  /** The newest finished run did not make a backup (FAILED, or SKIPPED with its reason). */
  FAILING,
  /** No backup yet and the first one is still within the staleness limit. */
  PENDING_FIRST_BACKUP,
  /** The newest completed backup (or, with none, the target itself) is older than the limit. */
  STALE,
  /** The newest completed backup is within the limit. */
  PROTECTED;

  /**
   * The staleness limit of a policy without an RPO target: a daily backup with two hours of slack.
   */
  public static final Duration DEFAULT_LIMIT = Duration.ofHours(26);

  /** Whether backups are expected to happen in this state (so a next backup time is shown). */
  public boolean scheduled() {
    return this == FAILING || this == PENDING_FIRST_BACKUP || this == STALE || this == PROTECTED;
  }
}
