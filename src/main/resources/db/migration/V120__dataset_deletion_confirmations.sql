-- A deletion confirmation may name a dataset (deleting the dataset itself) instead of backups:
-- then artifact_ids is empty and dataset_id holds the dataset's public id (a UUID).
ALTER TABLE deletion_confirmations ADD COLUMN dataset_id CHAR(36) NULL;
