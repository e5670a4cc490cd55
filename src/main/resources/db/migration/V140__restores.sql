-- Restores of Trove backups into new instances, and restore drills (docs/OPERATIONS.md,
-- "Restores and drills"). One row per restore or drill run: what it asked Trove for and what it
-- measured. The run itself (state, progress, reason) stays in runs.
CREATE TABLE restores (
  run_id              BIGINT        NOT NULL,
  artifact_id         BIGINT        NOT NULL,         -- the backup restored
  target_id           BIGINT        NOT NULL,         -- the instance it was taken of
  project_id          VARCHAR(64)   NOT NULL,
  drill               BOOLEAN       NOT NULL DEFAULT FALSE,
  base_name           VARCHAR(128)  NULL,             -- the name asked for; NULL: from the source
  flavor_ref          VARCHAR(64)   NULL,             -- NULL: the source's (a drill: the smallest)
  volume_size         INT           NULL,             -- GB; NULL: the source's
  instance_name       VARCHAR(160)  NULL,             -- the unique name posted (per attempt)
  new_instance_id     VARCHAR(64)   NULL,
  posted_at           DATETIME(6)   NULL,
  active_at           DATETIME(6)   NULL,
  rto_ms              BIGINT        NULL,             -- POST to ACTIVE
  instance_deleted_at DATETIME(6)   NULL,             -- a drill's throwaway instance deleted
  fault               VARCHAR(1024) NULL,             -- what Trove said when it went wrong
  PRIMARY KEY (run_id),
  KEY ix_restores_target (target_id, drill),
  CONSTRAINT fk_restores_run FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE,
  CONSTRAINT fk_restores_artifact FOREIGN KEY (artifact_id) REFERENCES artifacts (id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The last drill that proved a backup (and its instance) restorable, and how long it took.
ALTER TABLE artifacts
  ADD COLUMN proven_restorable_at DATETIME(6) NULL,
  ADD COLUMN restore_rto_ms       BIGINT      NULL;
ALTER TABLE targets
  ADD COLUMN proven_restorable_at DATETIME(6) NULL,
  ADD COLUMN restore_rto_ms       BIGINT      NULL;
