-- trove-keeper domain schema, designed for the whole product so later features extend it.
-- Times are UTC, DATETIME(6). Enums are VARCHAR holding the Java enum name.

-- A target is anything that gets backed up: a Trove instance or a tenant dataset.
CREATE TABLE targets (
  id                BIGINT        NOT NULL AUTO_INCREMENT,
  kind              VARCHAR(32)   NOT NULL,            -- TROVE_INSTANCE | DATASET
  project_id        VARCHAR(64)   NOT NULL,            -- Keystone project owning it
  external_id       VARCHAR(128)  NOT NULL,            -- Trove instance id, or dataset id
  name              VARCHAR(255)  NOT NULL,
  status            VARCHAR(32)   NOT NULL,            -- ACTIVE | BUILD | ERROR | ... | VANISHED | DELETED
  datastore_type    VARCHAR(64)   NULL,
  datastore_version VARCHAR(64)   NULL,
  region            VARCHAR(64)   NULL,
  discovered_by     VARCHAR(32)   NOT NULL,            -- NOTIFICATION | RECONCILE | API
  chain_reset_at    DATETIME(6)   NULL,                -- incremental chain must restart with a full
  last_seen_at      DATETIME(6)   NULL,                -- last time Trove listed it
  deleted_at        DATETIME(6)   NULL,
  created_at        DATETIME(6)   NOT NULL,
  updated_at        DATETIME(6)   NOT NULL,
  version           BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uk_targets_kind_external (kind, external_id),
  KEY ix_targets_project (project_id, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Operator-defined tiers bound what tenants may set in their policies.
CREATE TABLE tiers (
  id                    BIGINT       NOT NULL AUTO_INCREMENT,
  name                  VARCHAR(64)  NOT NULL,
  description           VARCHAR(512) NULL,
  min_keep_last         INT          NULL,
  min_max_age_days      INT          NULL,
  max_runs_per_day      INT          NULL,
  window_earliest       TIME         NULL,
  window_latest         TIME         NULL,
  created_at            DATETIME(6)  NOT NULL,
  updated_at            DATETIME(6)  NOT NULL,
  version               BIGINT       NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uk_tiers_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Per-project settings known to the service (tier, pause, owner contact).
CREATE TABLE projects (
  id            VARCHAR(64)  NOT NULL,
  name          VARCHAR(255) NULL,
  tier_id       BIGINT       NULL,
  paused        BOOLEAN      NOT NULL DEFAULT FALSE,
  owner_email   VARCHAR(320) NULL,
  created_at    DATETIME(6)  NOT NULL,
  updated_at    DATETIME(6)  NOT NULL,
  version       BIGINT       NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT fk_projects_tier FOREIGN KEY (tier_id) REFERENCES tiers (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Fleet-wide switches (a single row, id = 1).
CREATE TABLE fleet_control (
  id          TINYINT      NOT NULL,
  paused      BOOLEAN      NOT NULL DEFAULT FALSE,
  paused_by   VARCHAR(128) NULL,
  paused_at   DATETIME(6)  NULL,
  version     BIGINT       NOT NULL DEFAULT 0,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT INTO fleet_control (id, paused) VALUES (1, FALSE);

-- Backup policies at three scopes; the effective one is resolved at fire time:
-- TARGET override, else PROJECT default, else GLOBAL default.
CREATE TABLE policies (
  id                       BIGINT       NOT NULL AUTO_INCREMENT,
  scope                    VARCHAR(16)  NOT NULL,     -- GLOBAL | PROJECT | TARGET
  scope_key                VARCHAR(200) NOT NULL,     -- 'GLOBAL', 'PROJECT:<id>', 'TARGET:<id>'
  project_id               VARCHAR(64)  NULL,
  target_id                BIGINT       NULL,
  name                     VARCHAR(128) NOT NULL,
  schedule_kind            VARCHAR(16)  NOT NULL,     -- CRON | WINDOW
  cron_expression          VARCHAR(128) NULL,
  time_zone                VARCHAR(64)  NOT NULL,
  window_start             TIME         NULL,
  window_length_minutes    INT          NULL,
  full_interval_days       INT          NULL,         -- NULL: every run is a full backup
  keep_last                INT          NULL,
  max_age_days             INT          NULL,
  keep_daily               INT          NULL,
  keep_weekly              INT          NULL,
  keep_monthly             INT          NULL,
  failed_grace_hours       INT          NOT NULL DEFAULT 24,
  missed_run_policy        VARCHAR(16)  NOT NULL,     -- SKIP | RUN_ONCE | BACKFILL
  backfill_max             INT          NULL,
  backfill_deadline_hours  INT          NULL,
  rpo_target_minutes       INT          NULL,
  paused                   BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at               DATETIME(6)  NOT NULL,
  updated_at               DATETIME(6)  NOT NULL,
  version                  BIGINT       NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uk_policies_scope_key (scope_key),
  KEY ix_policies_project (project_id),
  CONSTRAINT fk_policies_target FOREIGN KEY (target_id) REFERENCES targets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- One persistent schedule per target. Replicas claim due rows with
-- SELECT ... FOR UPDATE SKIP LOCKED and hold a lease (claimed_by, claim_expires_at).
CREATE TABLE schedules (
  id                BIGINT       NOT NULL AUTO_INCREMENT,
  target_id         BIGINT       NOT NULL,
  policy_id         BIGINT       NULL,                -- effective policy when last computed
  next_fire_at      DATETIME(6)  NULL,                -- NULL: nothing scheduled
  last_slot_at      DATETIME(6)  NULL,                -- slot of the last run created
  jitter_seconds    INT          NOT NULL DEFAULT 0,
  enabled           BOOLEAN      NOT NULL DEFAULT TRUE,
  claimed_by        VARCHAR(128) NULL,
  claim_expires_at  DATETIME(6)  NULL,
  created_at        DATETIME(6)  NOT NULL,
  updated_at        DATETIME(6)  NOT NULL,
  version           BIGINT       NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uk_schedules_target (target_id),
  KEY ix_schedules_due (enabled, next_fire_at),
  CONSTRAINT fk_schedules_target FOREIGN KEY (target_id) REFERENCES targets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A run: one attempt to back up (or restore / migrate) a target.
-- State machine: PENDING -> REQUESTED -> RUNNING -> SUCCEEDED | FAILED | SKIPPED.
CREATE TABLE runs (
  id                  BIGINT        NOT NULL AUTO_INCREMENT,
  target_id           BIGINT        NOT NULL,
  project_id          VARCHAR(64)   NOT NULL,
  policy_id           BIGINT        NULL,
  operation           VARCHAR(16)   NOT NULL,         -- BACKUP | RESTORE | MIGRATE
  run_trigger         VARCHAR(16)   NOT NULL,         -- SCHEDULED | CATCH_UP | BACKFILL | MANUAL | BEFORE_RESTORE
  slot_at             DATETIME(6)   NULL,             -- the schedule slot it fires; NULL for manual runs
  backup_type         VARCHAR(16)   NOT NULL,         -- FULL | INCREMENTAL
  parent_external_id  VARCHAR(128)  NULL,
  state               VARCHAR(16)   NOT NULL,
  attempts            INT           NOT NULL DEFAULT 0,
  next_attempt_at     DATETIME(6)   NULL,
  reason_code         VARCHAR(64)   NULL,
  reason              VARCHAR(1024) NULL,
  backup_name         VARCHAR(128)  NULL,             -- tk-<runId>: lets a resumed run find its backup
  external_backup_id  VARCHAR(128)  NULL,
  progress_percent    INT           NOT NULL DEFAULT 0,
  progress_phase      VARCHAR(64)   NULL,
  progress_done       BIGINT        NULL,
  progress_total      BIGINT        NULL,
  eta_at              DATETIME(6)   NULL,
  claimed_by          VARCHAR(128)  NULL,
  claim_expires_at    DATETIME(6)   NULL,
  created_at          DATETIME(6)   NOT NULL,
  started_at          DATETIME(6)   NULL,
  finished_at         DATETIME(6)   NULL,
  updated_at          DATETIME(6)   NOT NULL,
  version             BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uk_runs_target_slot (target_id, slot_at),
  KEY ix_runs_target_state (target_id, state),
  KEY ix_runs_state_next (state, next_attempt_at),
  KEY ix_runs_project_state (project_id, state),
  CONSTRAINT fk_runs_target FOREIGN KEY (target_id) REFERENCES targets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Artifacts: backups as the service knows them (Trove backups, tenant-data archives).
CREATE TABLE artifacts (
  id                   BIGINT        NOT NULL AUTO_INCREMENT,
  target_id            BIGINT        NOT NULL,
  project_id           VARCHAR(64)   NOT NULL,
  run_id               BIGINT        NULL,
  external_id          VARCHAR(128)  NOT NULL,       -- Trove backup id, or archive id
  parent_external_id   VARCHAR(128)  NULL,
  backup_type          VARCHAR(16)   NOT NULL,       -- FULL | INCREMENTAL
  origin               VARCHAR(32)   NOT NULL,       -- SCHEDULED | MANUAL | BEFORE_RESTORE | EXTERNAL
  status               VARCHAR(32)   NOT NULL,       -- NEW | BUILDING | SAVING | COMPLETED | FAILED | DELETE_FAILED | DELETING | DELETED
  size_bytes           BIGINT        NULL,
  location             VARCHAR(1024) NULL,
  created_at           DATETIME(6)   NOT NULL,       -- when the backup was taken
  completed_at         DATETIME(6)   NULL,
  deleted_at           DATETIME(6)   NULL,
  updated_at           DATETIME(6)   NOT NULL,
  version              BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uk_artifacts_target_external (target_id, external_id),
  KEY ix_artifacts_target_status (target_id, status, created_at),
  KEY ix_artifacts_project (project_id),
  CONSTRAINT fk_artifacts_target FOREIGN KEY (target_id) REFERENCES targets (id),
  CONSTRAINT fk_artifacts_run FOREIGN KEY (run_id) REFERENCES runs (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Notification ids already handled: duplicates are dropped.
CREATE TABLE processed_notifications (
  message_id   VARCHAR(128) NOT NULL,
  event_type   VARCHAR(128) NOT NULL,
  outcome      VARCHAR(32)  NOT NULL,               -- HANDLED | IGNORED
  received_at  DATETIME(6)  NOT NULL,
  PRIMARY KEY (message_id),
  KEY ix_processed_received (received_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Transactional outbox: events are written with the change, a relay publishes them to Kafka.
CREATE TABLE outbox_events (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  event_id      CHAR(36)     NOT NULL,
  event_type    VARCHAR(64)  NOT NULL,              -- backup.succeeded, policy.assigned, ...
  subject       VARCHAR(200) NOT NULL,              -- what it is about, e.g. target id
  project_id    VARCHAR(64)  NULL,
  payload       LONGTEXT     NOT NULL,              -- JSON
  created_at    DATETIME(6)  NOT NULL,
  published_at  DATETIME(6)  NULL,
  attempts      INT          NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uk_outbox_event_id (event_id),
  KEY ix_outbox_unpublished (published_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Who changed what, with before and after.
CREATE TABLE audit_log (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  occurred_at    DATETIME(6)  NOT NULL,
  actor          VARCHAR(128) NOT NULL,
  actor_project  VARCHAR(64)  NULL,
  action         VARCHAR(64)  NOT NULL,
  resource_type  VARCHAR(64)  NOT NULL,
  resource_id    VARCHAR(128) NULL,
  project_id     VARCHAR(64)  NULL,
  before_json    LONGTEXT     NULL,
  after_json     LONGTEXT     NULL,
  request_id     VARCHAR(64)  NULL,
  PRIMARY KEY (id),
  KEY ix_audit_project_time (project_id, occurred_at),
  KEY ix_audit_time (occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Single-use nonces of backup-deletion confirmation tokens.
CREATE TABLE deletion_confirmations (
  nonce          CHAR(36)     NOT NULL,
  project_id     VARCHAR(64)  NOT NULL,
  requester      VARCHAR(128) NOT NULL,
  artifact_ids   VARCHAR(4000) NOT NULL,            -- comma-separated artifact ids
  created_at     DATETIME(6)  NOT NULL,
  expires_at     DATETIME(6)  NOT NULL,
  used_at        DATETIME(6)  NULL,
  PRIMARY KEY (nonce),
  KEY ix_deletion_project (project_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Tenant datasets: how to read a target of kind DATASET. Credentials are encrypted.
CREATE TABLE datasets (
  target_id          BIGINT        NOT NULL,
  source_kind        VARCHAR(16)   NOT NULL,         -- REST | SQL
  source_config      LONGTEXT      NOT NULL,         -- JSON without secrets
  credentials_enc    VARBINARY(4096) NULL,           -- AES-GCM, never returned
  active             BOOLEAN       NOT NULL DEFAULT TRUE,
  created_at         DATETIME(6)   NOT NULL,
  updated_at         DATETIME(6)   NOT NULL,
  version            BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (target_id),
  CONSTRAINT fk_datasets_target FOREIGN KEY (target_id) REFERENCES targets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Content-addressed media shared by tenant-data archives (dedup by SHA-256).
CREATE TABLE media_objects (
  sha256          CHAR(64)     NOT NULL,
  project_id      VARCHAR(64)  NOT NULL,
  size_bytes      BIGINT       NOT NULL,
  object_key      VARCHAR(512) NOT NULL,
  status          VARCHAR(16)  NOT NULL,            -- PRESENT | DELETING
  deleting_since  DATETIME(6)  NULL,
  created_at      DATETIME(6)  NOT NULL,
  PRIMARY KEY (project_id, sha256),
  KEY ix_media_status (status, deleting_since)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
