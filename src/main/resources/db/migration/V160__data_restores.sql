-- Restores of tenant data (docs/DATASETS.md "Restores"): a dataset backup written back into the
-- dataset's live source, selected objects only. One row per RESTORE_DATA run (the run holds state,
-- progress and reason; its public id is the restore's). Rows go with their run (history pruning).
CREATE TABLE data_restores (
  run_id             BIGINT       NOT NULL,
  target_id          BIGINT       NOT NULL,         -- the dataset
  project_id         VARCHAR(64)  NOT NULL,
  backup_artifact_id BIGINT       NULL,             -- the backup restored (NULL once pruned)
  backup_public_id   VARCHAR(36)  NOT NULL,
  selection          TEXT         NOT NULL,         -- JSON: {"all":true} or {"entities","objects"}
  include_added      BOOLEAN      NOT NULL,         -- objects added since the backup are deleted
  safety_run_id      BIGINT       NULL,             -- the BEFORE_RESTORE backup run it made first
  updated            BIGINT       NOT NULL DEFAULT 0,
  created            BIGINT       NOT NULL DEFAULT 0,
  deleted            BIGINT       NOT NULL DEFAULT 0,
  unchanged          BIGINT       NOT NULL DEFAULT 0,
  skipped            BIGINT       NOT NULL DEFAULT 0,
  failed             BIGINT       NOT NULL DEFAULT 0,
  error_seq          BIGINT       NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id),
  KEY ix_data_restores_target (target_id),
  CONSTRAINT fk_data_restores_run FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE,
  CONSTRAINT fk_data_restores_backup FOREIGN KEY (backup_artifact_id) REFERENCES artifacts (id)
    ON DELETE SET NULL,
  CONSTRAINT fk_data_restores_safety FOREIGN KEY (safety_run_id) REFERENCES runs (id)
    ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The restore's error log: one row per object the source refused, numbered per restore. A restore
-- that starts again (retry, takeover) deletes its rows first.
CREATE TABLE data_restore_errors (
  run_id    BIGINT        NOT NULL,
  seq       BIGINT        NOT NULL,
  entity    VARCHAR(64)   NOT NULL,
  object_id VARCHAR(512)  NOT NULL,
  action    VARCHAR(8)    NOT NULL,                -- UPDATE, CREATE, DELETE
  status    INT           NOT NULL,                -- HTTP status, or the database's error code
  message   VARCHAR(1000) NULL,
  PRIMARY KEY (run_id, seq),
  CONSTRAINT fk_data_restore_errors FOREIGN KEY (run_id) REFERENCES data_restores (run_id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
