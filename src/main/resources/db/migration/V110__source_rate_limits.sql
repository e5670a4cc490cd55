-- One rate limit per tenant-data source, shared by every replica (package ratelimit).
-- Bucket4j's serialized token bucket, one row per source (MariaDbProxyManager).
CREATE TABLE source_rate_buckets (
  bucket_key VARCHAR(190) NOT NULL,
  state BLOB NULL,
  PRIMARY KEY (bucket_key)
) ENGINE=InnoDB;

-- The adaptive limit: the configured ceiling, the current limit (lowered on 429s, raised after
-- runs of successes), its version (Bucket4j replaces the bucket's configuration when it grows) and
-- the Retry-After pause every replica honours. Times are epoch milliseconds.
CREATE TABLE source_rate_limits (
  bucket_key VARCHAR(190) NOT NULL,
  ceiling INT NOT NULL,
  window_ms BIGINT NOT NULL,
  current_limit INT NOT NULL,
  config_version BIGINT NOT NULL,
  successes INT NOT NULL,
  decreased_at_ms BIGINT NOT NULL,
  paused_until_ms BIGINT NOT NULL,
  updated_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
  PRIMARY KEY (bucket_key)
) ENGINE=InnoDB;
