package dev.trovekeeper.dataset;

/** Where a dataset's records come from. */
public enum SourceKind {
  /** A tenant's application REST API, described by configuration (see source.rest). */
  REST,
  /** One tenant's rows in shared-schema MySQL/MariaDB tables (see source.sql). */
  SQL
}
