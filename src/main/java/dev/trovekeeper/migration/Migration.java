package dev.trovekeeper.migration;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What a migration run carries where; the run (state, progress, reason) is its {@code Run}. */
@Entity
@Table(name = "migrations")
public class Migration {

  @Id
  @Column(name = "run_id")
  public Long runId;

  @Column(name = "project_id")
  public String projectId;

  /** The dataset backed up (tenant A). */
  @Column(name = "source_target_id")
  public Long sourceTargetId;

  /** The dataset written (tenant B); also the run's target. */
  @Column(name = "target_target_id")
  public Long targetTargetId;

  /** The backup migrated. */
  @Column(name = "artifact_id")
  public Long artifactId;

  /** The id map's scope (project, database, source tenant, target tenant). */
  @Column(name = "scope_id")
  public Long scopeId;
}
