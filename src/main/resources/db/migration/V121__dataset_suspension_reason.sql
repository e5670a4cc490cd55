-- Why a dataset is suspended (shown by GET /v1/datasets/{id}); cleared when it is resumed.
ALTER TABLE datasets
  ADD COLUMN suspended_reason_code VARCHAR(64)  NULL,
  ADD COLUMN suspended_reason      VARCHAR(1000) NULL,
  ADD COLUMN suspended_by          VARCHAR(128) NULL,
  ADD COLUMN suspended_at          DATETIME(6)  NULL;
