-- Retention works on one target on one replica at a time: a lease per target, taken with a
-- conditional UPDATE (never held across Trove calls in a transaction).
CREATE TABLE retention_claims (
  target_id         BIGINT        NOT NULL,
  claimed_by        VARCHAR(160)  NULL,
  claim_expires_at  DATETIME(6)   NULL,
  PRIMARY KEY (target_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Deletes in flight: an artifact marked DELETING has a row here from the decision until Trove
-- confirms the backup gone (404 or no longer listed) or the delete ends DELETE_FAILED.
CREATE TABLE retention_deletions (
  artifact_id    BIGINT        NOT NULL,
  target_id      BIGINT        NOT NULL,
  reason         VARCHAR(32)   NOT NULL,       -- EXPIRED | FAILED_AFTER_GRACE | RETRY_DELETE_FAILED | PARENT_DELETED | OWNER_CONFIRMED | QUOTA_PRESSURE
  cascaded_from  VARCHAR(128)  NULL,           -- the deleted ancestor whose DELETE takes this one with it
  requested_at   DATETIME(6)   NULL,           -- when Trove accepted the DELETE (202); NULL: not sent yet
  created_at     DATETIME(6)   NOT NULL,
  PRIMARY KEY (artifact_id),
  KEY ix_retention_deletions_target (target_id, requested_at),
  CONSTRAINT fk_retention_deletions_artifact FOREIGN KEY (artifact_id) REFERENCES artifacts (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
