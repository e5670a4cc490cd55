-- Migration of a shared-schema SQL dataset's backup from tenant A into tenant B of the same
-- database (docs/DATASETS.md "Migration into another tenant", ADR 0155).

-- Who migrates what into whom: one row per project, source database, source tenant and target
-- tenant. scope_hash is the SHA-256 of those four (hex), so the unique key stays short.
CREATE TABLE migration_scopes (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  scope_hash     CHAR(64)      NOT NULL,
  project_id     VARCHAR(64)   NOT NULL,
  source_db      VARCHAR(400)  NOT NULL,             -- host:port/database
  source_tenant  VARCHAR(255)  NOT NULL,
  target_tenant  VARCHAR(255)  NOT NULL,
  created_at     DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_migration_scopes_hash (scope_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- The id map, kept across runs: a row of the source tenant (its key without the tenant column,
-- a JSON array of strings) -> the row of the target tenant it became. target_key NULL: the insert
-- is in flight (written before the target is written; a resumed run adopts the row it finds).
-- linked: the source row's natural key matched a row the target tenant had already; that row is
-- referenced, never written.
CREATE TABLE migration_id_map (
  scope_id    BIGINT        NOT NULL,
  entity      VARCHAR(64)   NOT NULL,
  source_key  VARCHAR(512)  NOT NULL,
  target_key  VARCHAR(512)  NULL,
  linked      BOOLEAN       NOT NULL DEFAULT FALSE,  -- a natural-key collision: B's own row, kept
  run_id      BIGINT        NULL,                    -- the run that wrote it last
  updated_at  DATETIME(6)   NOT NULL,
  PRIMARY KEY (scope_id, entity, source_key),
  KEY ix_migration_id_map_target (scope_id, entity, target_key),
  CONSTRAINT fk_migration_id_map_scope FOREIGN KEY (scope_id) REFERENCES migration_scopes (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One row per migration run: which backup of which dataset goes into which dataset.
CREATE TABLE migrations (
  run_id             BIGINT       NOT NULL,
  project_id         VARCHAR(64)  NOT NULL,
  source_target_id   BIGINT       NOT NULL,          -- the dataset backed up (tenant A)
  target_target_id   BIGINT       NOT NULL,          -- the dataset written (tenant B)
  artifact_id        BIGINT       NOT NULL,          -- the backup restored
  scope_id           BIGINT       NOT NULL,
  PRIMARY KEY (run_id),
  CONSTRAINT fk_migrations_run FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE,
  CONSTRAINT fk_migrations_artifact FOREIGN KEY (artifact_id) REFERENCES artifacts (id)
    ON DELETE CASCADE,
  CONSTRAINT fk_migrations_scope FOREIGN KEY (scope_id) REFERENCES migration_scopes (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
