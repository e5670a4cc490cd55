package dev.trovekeeper.events;

import dev.trovekeeper.protection.Protection;
import dev.trovekeeper.protection.ProtectionFacts;
import java.time.Duration;
import java.time.Instant;

/**
 * One live target's protection facts (as every reader of protection reads them) and whether an RPO
 * breach is open for it. Pure: the decisions take {@code now}.
 *
 * @param facts the target's protection facts
 * @param breachOpen an {@code rpo.breached} was already reported and not yet cleared
 */
public record RecoveryPoint(ProtectionFacts facts, boolean breachOpen) {

  public long targetId() {
    return facts.targetId();
  }

  public String projectId() {
    return facts.projectId();
  }

  /** Trove instance id or dataset id (the {@code target} metric tag). */
  public String externalId() {
    return facts.externalId();
  }

  public String kind() {
    return facts.kind();
  }

  public Instant lastSuccessAt() {
    return facts.lastSuccessAt();
  }

  /** RPO target of the effective policy; null if none is set. */
  public Integer rpoTargetMinutes() {
    return facts.rpoTargetMinutes();
  }

  /** See {@link ProtectionFacts#age}. */
  public Duration age(Instant now) {
    return facts.age(now);
  }

  /**
   * True when an RPO target is set and the recovery point is older than it (what {@code
   * rpo.breached} reports; a paused target or a suspended dataset is not alerted on, and an open
   * breach of one is cleared).
   */
  public boolean breached(Instant now) {
    Protection protection = facts.protection(now);
    return rpoTargetMinutes() != null
        && protection != Protection.PAUSED
        && protection != Protection.SUSPENDED
        && age(now).toMinutes() >= rpoTargetMinutes();
  }

  /** The {@code status} label of {@code trove_keeper_targets}: the protection, lower case. */
  public String status(Instant now) {
    return label(facts.protection(now));
  }

  static String label(Protection protection) {
    return protection.name().toLowerCase(java.util.Locale.ROOT);
  }
}
