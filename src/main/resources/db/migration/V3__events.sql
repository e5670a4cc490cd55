-- Open RPO breaches: one row per target whose newest completed backup is older than its
-- effective RPO target. The row is the "already reported" marker: replicas insert it with
-- INSERT IGNORE and only the one that inserted it emits rpo.breached; it is deleted once a
-- newer backup brings the target back within its RPO, so the next breach is reported again.
CREATE TABLE rpo_breaches (
  target_id           BIGINT       NOT NULL,
  breached_at         DATETIME(6)  NOT NULL,          -- when the breach was detected
  recovery_point_at   DATETIME(6)  NULL,              -- newest completed backup then; NULL: none
  rpo_target_minutes  INT          NOT NULL,
  PRIMARY KEY (target_id),
  CONSTRAINT fk_rpo_breaches_target FOREIGN KEY (target_id) REFERENCES targets (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
