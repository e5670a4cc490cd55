package dev.trovekeeper.schedule;

import java.time.Instant;

/**
 * An instance's protection: its effective policy, newest completed backup, the age of that recovery
 * point and the next scheduled backup (each null when there is none).
 */
public record InstanceProtection(
    Protection protection,
    EffectivePolicy effectivePolicy,
    Instant lastSuccessfulBackupAt,
    Long recoveryPointAgeSeconds,
    Instant nextBackupAt) {}
