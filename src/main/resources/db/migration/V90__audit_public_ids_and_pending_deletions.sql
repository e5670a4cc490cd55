-- Audit entries get an opaque public id, as runs and backups did in V60: operators page the audit
-- log by it (cursor) and see it as the entry's id, never the sequential key.
-- New rows get a java.util.UUID.randomUUID() from the service; the default only serves raw inserts.
ALTER TABLE audit_log ADD COLUMN public_id CHAR(36) NULL AFTER id;
UPDATE audit_log SET public_id = LOWER(CONCAT(
  SUBSTR(@h := SHA2(CONCAT(UUID(), RAND(), id), 256), 1, 8), '-', SUBSTR(@h, 9, 4), '-4',
  SUBSTR(@h, 14, 3), '-a', SUBSTR(@h, 18, 3), '-', SUBSTR(@h, 21, 12)));
ALTER TABLE audit_log MODIFY public_id CHAR(36) NOT NULL DEFAULT (UUID()),
  ADD UNIQUE KEY uk_audit_public_id (public_id);

-- Deletion confirmations now name backups by their public ids (token and row alike). Links mailed
-- before this version name internal ids: they end as expired (the tenant asks again), so that no
-- old link can be read with the new meaning.
UPDATE deletion_confirmations SET expires_at = LEAST(expires_at, UTC_TIMESTAMP(6))
  WHERE used_at IS NULL;
