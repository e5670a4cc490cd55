-- Opaque public ids: tenants see runs and backups by a random UUID (never the sequential key,
-- which told them how many runs the fleet made and let them probe other projects' ids).
-- Internal numeric ids stay for joins, leases and Trove backup names (tk-<run id>).
-- New rows get a java.util.UUID.randomUUID(); existing rows a hash of UUID(), RAND() and the id.
ALTER TABLE runs ADD COLUMN public_id CHAR(36) NULL AFTER id;
UPDATE runs SET public_id = LOWER(CONCAT(
  SUBSTR(@h := SHA2(CONCAT(UUID(), RAND(), id), 256), 1, 8), '-', SUBSTR(@h, 9, 4), '-4',
  SUBSTR(@h, 14, 3), '-a', SUBSTR(@h, 18, 3), '-', SUBSTR(@h, 21, 12)));
ALTER TABLE runs MODIFY public_id CHAR(36) NOT NULL,
  ADD UNIQUE KEY uk_runs_public_id (public_id);

ALTER TABLE artifacts ADD COLUMN public_id CHAR(36) NULL AFTER id;
UPDATE artifacts SET public_id = LOWER(CONCAT(
  SUBSTR(@h := SHA2(CONCAT(UUID(), RAND(), id), 256), 1, 8), '-', SUBSTR(@h, 9, 4), '-4',
  SUBSTR(@h, 14, 3), '-a', SUBSTR(@h, 18, 3), '-', SUBSTR(@h, 21, 12)));
ALTER TABLE artifacts MODIFY public_id CHAR(36) NOT NULL,
  ADD UNIQUE KEY uk_artifacts_public_id (public_id);
