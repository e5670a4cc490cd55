-- Progress details of a run as JSON (counts a dataset backup reports: records, media, bytes,
-- source requests, 429s, waits), shown in the run's API answer and progress stream; and a
-- tenant's request to cancel a run that has started (the executor stops between records).
ALTER TABLE runs
  ADD COLUMN progress_details    TEXT          NULL,
  ADD COLUMN cancel_requested_at DATETIME(6)   NULL;
