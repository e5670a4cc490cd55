package dev.trovekeeper.run;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What a restore or a restore drill run asked Trove for and what it measured; the run (state,
 * progress, reason) is its {@link Run}.
 */
@Entity
@Table(name = "restores")
public class Restore {

  @Id
  @Column(name = "run_id")
  public Long runId;

  /** The backup restored. */
  @Column(name = "artifact_id")
  public Long artifactId;

  /** The instance the backup was taken of. */
  @Column(name = "target_id")
  public Long targetId;

  @Column(name = "project_id")
  public String projectId;

  /** A drill: a throwaway instance, deleted once ACTIVE. */
  public boolean drill;

  /** The name asked for; null: the source's name with "-restored". */
  @Column(name = "base_name")
  public String baseName;

  /** null: the source's flavor (a drill: the smallest flavor). */
  @Column(name = "flavor_ref")
  public String flavorRef;

  /** GB; null: the source's. */
  @Column(name = "volume_size")
  public Integer volumeSize;

  /** The unique name of the current attempt's POST; a resumed run looks the instance up by it. */
  @Column(name = "instance_name")
  public String instanceName;

  @Column(name = "new_instance_id")
  public String newInstanceId;

  @Column(name = "posted_at")
  public Instant postedAt;

  @Column(name = "active_at")
  public Instant activeAt;

  @Column(name = "rto_ms")
  public Long rtoMillis;

  @Column(name = "instance_deleted_at")
  public Instant instanceDeletedAt;

  /** What Trove said when it went wrong (kept as the drill's evidence). */
  public String fault;
}
