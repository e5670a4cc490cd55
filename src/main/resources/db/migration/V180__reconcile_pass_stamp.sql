-- Start of the latest reconcile pass whose listing named the target: written page by page with one
-- UPDATE per page, so a pass decides what vanished in SQL instead of holding every listed id.
ALTER TABLE targets
  ADD COLUMN listed_in_pass_at DATETIME(6) NULL;
