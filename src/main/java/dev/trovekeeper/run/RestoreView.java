package dev.trovekeeper.run;

import java.time.Instant;

/**
 * What a restore or drill run restored and measured, as the API shows it.
 *
 * @param backupId the public id of the backup restored (as the backup listing shows it)
 * @param drill a restore drill: the instance was a throwaway one, deleted once ACTIVE
 * @param instanceName the name the new instance was created with
 * @param newInstanceId the new Trove instance's id, once Trove made it
 * @param postedAt when Trove was asked for the instance
 * @param activeAt when it was seen ACTIVE
 * @param rtoMillis the measured restore time: {@code postedAt} to {@code activeAt}
 * @param instanceDeletedAt when a drill deleted its throwaway instance
 * @param fault what Trove said when the restore went wrong
 */
public record RestoreView(
    String backupId,
    boolean drill,
    String flavorRef,
    Integer volumeSize,
    String instanceName,
    String newInstanceId,
    Instant postedAt,
    Instant activeAt,
    Long rtoMillis,
    Instant instanceDeletedAt,
    String fault) {

  static RestoreView of(Restore r, String backupPublicId) {
    return new RestoreView(
        backupPublicId,
        r.drill,
        r.flavorRef,
        r.volumeSize,
        r.instanceName,
        r.newInstanceId,
        r.postedAt,
        r.activeAt,
        r.rtoMillis,
        r.instanceDeletedAt,
        r.fault);
  }
}
