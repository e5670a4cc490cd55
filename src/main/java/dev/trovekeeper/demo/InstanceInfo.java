package dev.trovekeeper.demo;

import java.time.Instant;

/**
 * A snapshot of one demo instance.
 *
 * @param status Trove status: BUILD, ACTIVE, BACKUP, SHUTDOWN, ERROR, ...
 * @param deletedAt when it was deleted, null while it exists
 */
public record InstanceInfo(
    String id,
    String projectId,
    String name,
    String status,
    String operatingStatus,
    String datastore,
    String datastoreVersion,
    Instant created,
    Instant deletedAt) {}
