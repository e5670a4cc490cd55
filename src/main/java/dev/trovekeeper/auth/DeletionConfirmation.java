package dev.trovekeeper.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The single-use nonce of a mailed deletion-confirmation token. */
@Entity
@Table(name = "deletion_confirmations")
public class DeletionConfirmation {

  @Id public String nonce;

  @Column(name = "project_id")
  public String projectId;

  public String requester;

  /** Comma-separated public ids of the backups. */
  @Column(name = "artifact_ids")
  public String artifactIds;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  /** The public id of the dataset to delete; null when backups are to be deleted. */
  @Column(name = "dataset_id")
  public String datasetId;

  /** Set once, when the owner confirmed. */
  @Column(name = "used_at")
  public Instant usedAt;

  static String join(List<String> ids) {
    return String.join(",", ids);
  }

  List<String> artifactIdList() {
    return artifactIds.isEmpty() ? List.of() : Arrays.asList(artifactIds.split(","));
  }
}
