-- Console sessions shared by every replica (ADR 0180): keyed by the SHA-256 of the cookie's random
-- id (the id itself is never stored); the Keystone token is AES-GCM encrypted with the dataset
-- credentials key. expires_at is min(ends_at, touched_at + idle timeout): the cleanup deletes by it.
CREATE TABLE console_sessions (
  id_sha256 CHAR(64) NOT NULL PRIMARY KEY,
  user_id VARCHAR(255) NULL,
  user_name VARCHAR(255) NULL,
  project_id VARCHAR(255) NOT NULL,
  roles VARCHAR(255) NOT NULL,
  operator BOOLEAN NOT NULL,
  csrf VARCHAR(64) NOT NULL,
  keystone_token BLOB NULL,
  projects TEXT NOT NULL,
  handed_off BOOLEAN NOT NULL,
  ends_at DATETIME(6) NOT NULL,
  touched_at DATETIME(6) NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  KEY console_sessions_expires (expires_at)
);
