package dev.trovekeeper.instance;

import dev.trovekeeper.policy.EffectivePolicy;
import dev.trovekeeper.protection.Protection;
import java.time.Instant;

/**
 * An instance's protection: its state, effective policy, newest completed backup, the age of that
 * recovery point and the next scheduled backup (each null when there is none).
 *
 * @param protectionReason why it is FAILING (reason code of the newest finished run), else null
 * @param deletedAt when it was deleted in Trove; null while it lives
 * @param backupsRemaining its COMPLETED backups
 * @param afterDelete what happens to them once it is deleted (null without a policy)
 */
public record InstanceProtection(
    Protection protection,
    String protectionReason,
    EffectivePolicy effectivePolicy,
    Instant lastSuccessfulBackupAt,
    Long recoveryPointAgeSeconds,
    Instant nextBackupAt,
    Instant deletedAt,
    long backupsRemaining,
    AfterDeleteView afterDelete) {}
