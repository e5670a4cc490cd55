-- Hand-off links already used, shared by every replica: a link signs in once across the fleet
-- (the table key is the SHA-256 of the link's signature). A row is kept as long as the link could
-- still be valid (forget_at), then the console session cleanup deletes it.
CREATE TABLE console_used_handoffs (
  sig_sha256 CHAR(64) NOT NULL PRIMARY KEY,
  used_at DATETIME(6) NOT NULL,
  forget_at DATETIME(6) NOT NULL,
  KEY console_used_handoffs_forget (forget_at)
);
