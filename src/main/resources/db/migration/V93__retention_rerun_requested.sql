-- A retention pass that finds its target held by another pass asks the holder to run once more
-- (what it would have decided may have changed, e.g. a backup completed meanwhile) instead of
-- waiting for the next sweep; the holder checks this flag, under the row lock, before it releases.
ALTER TABLE retention_claims
  ADD COLUMN rerun_requested BOOLEAN NOT NULL DEFAULT FALSE AFTER claim_expires_at;
