package dev.trovekeeper.auth;

import java.util.Optional;

/**
 * The port a confirmed dataset deletion goes through; the dataset feature provides it (auth sits
 * below it and must not import it).
 */
public interface DatasetDeleter {

  /**
   * A dataset as the owner reviewing its deletion sees it.
   *
   * @param id the dataset's public id
   * @param sourceKind REST or SQL
   * @param backups its backups that still exist (they follow retention once it is deleted)
   */
  record Described(String id, String name, String sourceKind, long backups) {}

  /** The dataset {@code datasetId} of {@code projectId}, unless unknown or deleted already. */
  Optional<Described> describe(String projectId, String datasetId);

  /**
   * Deletes the dataset (its target is marked deleted, its schedule stops; its backups follow the
   * retention rules for deleted targets); called inside the transaction that uses the confirmation.
   */
  void delete(String projectId, String datasetId, String requester);
}
