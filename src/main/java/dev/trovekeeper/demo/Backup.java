package dev.trovekeeper.demo;

import java.time.Instant;

/** A Trove backup; mutable, guarded by the {@link RegionState} lock. */
final class Backup {

  static final String VERSION_ID = "b00000b0-00b0-0b00-00b0-000b000000bb";

  final String id;
  final long seq;
  final String projectId;
  final String instanceId;
  final String name;
  final String description;
  final String parentId;
  final String datastore;
  final String datastoreVersion;
  final Instant created;
  Instant updated;
  String status = "NEW";

  /** Set by {@link Fault#backupFails()}: the backup ends FAILED. */
  boolean failing;

  Double size;
  String locationRef;

  /** A DELETE was accepted and Trove is still deleting it in the background. */
  boolean deleting;

  Backup(
      String id,
      long seq,
      Instance instance,
      String name,
      String description,
      String parentId,
      Instant created) {
    this.id = id;
    this.seq = seq;
    this.projectId = instance.projectId;
    this.instanceId = instance.id;
    this.name = name;
    this.description = description;
    this.parentId = parentId;
    this.datastore = instance.datastore;
    this.datastoreVersion = instance.datastoreVersion;
    this.created = created;
    this.updated = created;
  }

  /** NEW, BUILDING and SAVING block another backup and a delete. */
  boolean running() {
    return status.equals("NEW") || status.equals("BUILDING") || status.equals("SAVING");
  }

  /** Ends FAILED: an injected fault, or the recording's shim hook (name ending BACKUP_FAIL). */
  boolean fails() {
    return failing || name.endsWith("BACKUP_FAIL");
  }

  /** The recording's shim hook: a name ending DELETE_FAIL makes its delete fail. */
  boolean deleteFails() {
    return name.endsWith("DELETE_FAIL");
  }

  BackupInfo info() {
    return new BackupInfo(
        id,
        projectId,
        instanceId,
        name,
        description,
        status,
        parentId,
        size,
        locationRef,
        created,
        updated);
  }
}
