package dev.trovekeeper.run;

import java.time.Instant;

/**
 * A backup the service wrote itself (a dataset archive), as its artifact row records it.
 *
 * @param externalId the backup's id (the archive's backup UUID)
 * @param location where it is (the manifest's object key)
 * @param sizeBytes stored bytes
 * @param createdAt when the backup started
 */
public record StoredArtifact(
    String externalId, String location, long sizeBytes, Instant createdAt) {}
