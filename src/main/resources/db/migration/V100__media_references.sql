-- Which backup (archive) references which content-addressed media object. Media garbage
-- collection deletes an object only when no row here names it; the foreign key makes the
-- database refuse to drop a media_objects row that a backup still references.
CREATE TABLE media_references (
  backup_id    CHAR(36)     NOT NULL,               -- the archive's backup UUID
  project_id   VARCHAR(64)  NOT NULL,
  sha256       CHAR(64)     NOT NULL,
  created_at   DATETIME(6)  NOT NULL,
  PRIMARY KEY (backup_id, project_id, sha256),
  KEY ix_media_references_object (project_id, sha256),
  CONSTRAINT fk_media_references_object FOREIGN KEY (project_id, sha256)
    REFERENCES media_objects (project_id, sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
