-- Schedule engine: a schedule that cannot be fired is quarantined instead of blocking its batch.
ALTER TABLE schedules
  ADD COLUMN state             VARCHAR(16)   NOT NULL DEFAULT 'ACTIVE' AFTER enabled,  -- ACTIVE | QUARANTINED
  ADD COLUMN quarantine_reason VARCHAR(1024) NULL AFTER state,
  ADD COLUMN quarantined_at    DATETIME(6)   NULL AFTER quarantine_reason;

-- Run engine: a fencing token, bumped on every claim; a step may only change (and POST for) the
-- run while the token it claimed with is still the run's.
ALTER TABLE runs
  ADD COLUMN lease_token BIGINT NOT NULL DEFAULT 0 AFTER claim_expires_at,
  ADD COLUMN step_failures INT NOT NULL DEFAULT 0 AFTER attempts,
  ADD KEY ix_runs_finished (finished_at);

CREATE INDEX ix_deletion_expires ON deletion_confirmations (expires_at);
