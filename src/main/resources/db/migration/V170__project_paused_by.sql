-- Who paused a project and when (shown on the console's operator page and to the tenant).
ALTER TABLE projects ADD COLUMN paused_by VARCHAR(255) NULL, ADD COLUMN paused_at DATETIME(6) NULL;
