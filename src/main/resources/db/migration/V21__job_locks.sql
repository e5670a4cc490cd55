-- "One replica at a time" for periodic jobs (history pruning, retention sweep): a row per job,
-- held by one owner until it expires.
CREATE TABLE job_locks (
  name        VARCHAR(64)  NOT NULL,
  owner       VARCHAR(128) NULL,
  expires_at  DATETIME(6)  NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
