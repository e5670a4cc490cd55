-- Diffs of tenant data (docs/DATASETS.md "Diffs", ADR 0150): a dataset backup against the live
-- data or against another backup of the same dataset. One row per DIFF run (the run holds state,
-- progress and reason); its public id is the run's. Rows go with their run (history pruning) or
-- with a backup they compare (ON DELETE CASCADE).
CREATE TABLE diffs (
  run_id            BIGINT       NOT NULL,
  target_id         BIGINT       NOT NULL,         -- the dataset
  project_id        VARCHAR(64)  NOT NULL,
  base_artifact_id  BIGINT       NOT NULL,         -- the backup compared
  other_artifact_id BIGINT       NULL,             -- the other backup; NULL: the live data
  PRIMARY KEY (run_id),
  KEY ix_diffs_target (target_id),
  CONSTRAINT fk_diffs_run FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE,
  CONSTRAINT fk_diffs_base FOREIGN KEY (base_artifact_id) REFERENCES artifacts (id)
    ON DELETE CASCADE,
  CONSTRAINT fk_diffs_other FOREIGN KEY (other_artifact_id) REFERENCES artifacts (id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Counts per entity of a finished diff (written when its run succeeds).
CREATE TABLE diff_entities (
  run_id    BIGINT      NOT NULL,
  position  INT         NOT NULL,                  -- comparison order
  entity    VARCHAR(64) NOT NULL,
  added     BIGINT      NOT NULL,
  changed   BIGINT      NOT NULL,
  removed   BIGINT      NOT NULL,
  unchanged BIGINT      NOT NULL,
  PRIMARY KEY (run_id, position),
  CONSTRAINT fk_diff_entities_diff FOREIGN KEY (run_id) REFERENCES diffs (run_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per object that differs, numbered 1, 2, ... per diff in comparison order (entity, then
-- key); the number pages the list (cursors carry it with the diff's id). A diff run that starts
-- again deletes its rows first.
CREATE TABLE diff_changes (
  run_id    BIGINT        NOT NULL,
  seq       BIGINT        NOT NULL,
  entity    VARCHAR(64)   NOT NULL,
  kind      VARCHAR(8)    NOT NULL,                -- ADDED, CHANGED, REMOVED
  object_id VARCHAR(512)  NOT NULL,                -- the record's id (composite: a JSON array)
  patch     LONGTEXT      NULL,                    -- CHANGED: RFC 6902 JSON Patch, base to other
  PRIMARY KEY (run_id, seq),
  KEY ix_diff_changes_entity (run_id, entity, kind, seq),
  KEY ix_diff_changes_kind (run_id, kind, seq),
  CONSTRAINT fk_diff_changes_diff FOREIGN KEY (run_id) REFERENCES diffs (run_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
