-- The ids a dataset's REST source gave objects a restore re-created when it would not keep theirs
-- (docs/DATASETS.md "Restores"): the object's id in backups taken before -> the id it lives under
-- now. A later restore of such a backup reads it through this map, so it finds the object again
-- instead of re-creating it (re-running converges). Kept with the dataset.
CREATE TABLE restored_ids (
  target_id   BIGINT        NOT NULL,                -- the dataset
  entity      VARCHAR(64)   NOT NULL,
  backup_id   VARCHAR(512)  NOT NULL,                -- the id in backups taken before created_at
  live_id     VARCHAR(512)  NOT NULL,
  created_at  DATETIME(6)   NOT NULL,                -- when the source gave live_id
  PRIMARY KEY (target_id, entity, backup_id),
  CONSTRAINT fk_restored_ids_target FOREIGN KEY (target_id) REFERENCES targets (id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
