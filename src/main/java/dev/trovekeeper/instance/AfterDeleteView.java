package dev.trovekeeper.instance;

import dev.trovekeeper.policy.AfterDelete;
import dev.trovekeeper.policy.Policy;
import java.time.Duration;
import java.time.Instant;

/**
 * What happens to an instance's backups once it is deleted, under its effective policy.
 *
 * @param mode AGE_OUT or KEEP_FINAL
 * @param finalBackupDays with KEEP_FINAL, how long the newest backup stays after the deletion
 * @param finalBackupUntil for a deleted instance under KEEP_FINAL, when its last backup goes
 * @param outcome the same in words
 */
public record AfterDeleteView(
    AfterDelete mode, Integer finalBackupDays, Instant finalBackupUntil, String outcome) {

  static AfterDeleteView of(Policy policy, Instant deletedAtOrNull) {
    if (policy.afterDelete != AfterDelete.KEEP_FINAL || policy.finalBackupDays == null) {
      return new AfterDeleteView(
          AfterDelete.AGE_OUT,
          null,
          null,
          "the backups age out under the policy's retention rules");
    }
    Instant until =
        deletedAtOrNull == null
            ? null
            : deletedAtOrNull.plus(Duration.ofDays(policy.finalBackupDays));
    String when =
        until == null ? policy.finalBackupDays + " days after the deletion" : "at " + until;
    return new AfterDeleteView(
        AfterDelete.KEEP_FINAL,
        policy.finalBackupDays,
        until,
        "only the newest backup is kept; it is deleted " + when);
  }
}
