package dev.trovekeeper.demo;

import java.time.Instant;

/**
 * A snapshot of one demo backup.
 *
 * @param status NEW, BUILDING, COMPLETED, FAILED or DELETE_FAILED
 * @param parentId the parent of an incremental backup, else null
 * @param size GB once COMPLETED, else null
 */
public record BackupInfo(
    String id,
    String projectId,
    String instanceId,
    String name,
    String description,
    String status,
    String parentId,
    Double size,
    String locationRef,
    Instant created,
    Instant updated) {}
