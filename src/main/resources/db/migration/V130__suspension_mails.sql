-- Mails telling a project's owner that a dataset was suspended: written in the suspending
-- transaction (a rollback leaves no row, so sends nothing), sent after commit by
-- dataset.SuspensionMailJob, retried with backoff; a failed send never undoes the suspension.
CREATE TABLE suspension_mails (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  target_id        BIGINT        NOT NULL,
  project_id       VARCHAR(64)   NOT NULL,
  subject          VARCHAR(255)  NOT NULL,
  body             TEXT          NOT NULL,
  status           VARCHAR(16)   NOT NULL,             -- PENDING | SENT | FAILED
  recipient        VARCHAR(320)  NULL,                 -- resolved when sent
  attempts         INT           NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME(6)   NOT NULL,
  last_error       VARCHAR(1000) NULL,
  created_at       DATETIME(6)   NOT NULL,
  updated_at       DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  KEY ix_suspension_mails_due (status, next_attempt_at),
  KEY ix_suspension_mails_project (project_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
