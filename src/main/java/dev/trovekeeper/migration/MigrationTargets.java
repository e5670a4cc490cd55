package dev.trovekeeper.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.archive.ArchiveId;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.dataset.CredentialsUnreadableException;
import dev.trovekeeper.dataset.Dataset;
import dev.trovekeeper.dataset.DatasetCredentials;
import dev.trovekeeper.dataset.DatasetRepository;
import dev.trovekeeper.dataset.DatasetService;
import dev.trovekeeper.dataset.SourceKind;
import dev.trovekeeper.inventory.InventoryService;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.run.Artifact;
import dev.trovekeeper.run.ArtifactRepository;
import dev.trovekeeper.source.InvalidSourceConfigException;
import dev.trovekeeper.source.rest.RestSourceConfig;
import dev.trovekeeper.source.rest.RestSourceConfigReader;
import dev.trovekeeper.source.sql.SqlCredentials;
import dev.trovekeeper.source.sql.SqlSourceConfig;
import dev.trovekeeper.source.sql.SqlSourceConfigReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.HashSet;
import java.util.Locale;

/**
 * Decides whether a backup may be migrated into a dataset: the backup is a COMPLETED backup of the
 * source dataset, both datasets belong to the same project and the target is active; SQL datasets
 * on the same database, tables and tenant column, with different tenant values; REST datasets with
 * the same entities (names, paths, ids, references) at different base URLs (each base URL is a
 * tenant of the API, e.g. {@code https://acme.shop.example/api}). Every refusal is a problem the
 * API answers (404 for what the caller may not see, 409 for a state, 422 otherwise).
 */
@ApplicationScoped
class MigrationTargets {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A migration that may go ahead.
   *
   * @param source the dataset backed up (tenant A)
   * @param target the dataset written (tenant B)
   * @param backup the backup
   * @param archive where the backup is
   * @param config the target's SQL source configuration (database, tenant column, B's value); null
   *     for REST
   * @param credentials the target's SQL login (decrypted for this migration only); null for REST
   * @param sourceTenant A's tenant value (REST: A's base URL)
   * @param targetTenant B's tenant value (REST: B's base URL)
   * @param database the database both tenants share, as the id map's scope names it ({@code rest}
   *     for REST)
   */
  record Checked(
      Target source,
      Target target,
      Artifact backup,
      ArchiveId archive,
      SqlSourceConfig config,
      SqlCredentials credentials,
      String sourceTenant,
      String targetTenant,
      String database) {

    /** A migration through a REST API (no SQL configuration). */
    boolean rest() {
      return config == null;
    }
  }

  private final DatasetService datasets;
  private final DatasetRepository datasetRows;
  private final DatasetCredentials credentials;
  private final InventoryService inventory;
  private final ArtifactRepository artifacts;

  MigrationTargets(
      DatasetService datasets,
      DatasetRepository datasetRows,
      DatasetCredentials credentials,
      InventoryService inventory,
      ArtifactRepository artifacts) {
    this.datasets = datasets;
    this.datasetRows = datasetRows;
    this.credentials = credentials;
    this.inventory = inventory;
    this.artifacts = artifacts;
  }

  /** Checks a request of {@code caller} (its project's datasets only: others are 404). */
  @Transactional
  Checked check(Caller caller, String datasetId, MigrationRequest request) {
    Target source = datasets.target(caller, datasetId);
    if (request == null) {
      throw new KeeperException(ErrorCode.MALFORMED_REQUEST, "a migration body is required");
    }
    Artifact backup =
        artifacts
            .find("publicId = ?1 and targetId = ?2", request.backupId(), source.id)
            .firstResultOptional()
            .orElseThrow(
                () ->
                    new KeeperException(
                        ErrorCode.NOT_FOUND, "no such backup of the dataset", "backupId"));
    Target target;
    try {
      target = datasets.target(caller, request.targetDatasetId());
    } catch (KeeperException e) {
      throw new KeeperException(
          ErrorCode.NOT_FOUND, "no such target dataset in the project", "targetDatasetId");
    }
    return checked(source, target, backup);
  }

  /** Checks a queued migration again when its run starts (datasets may have changed since). */
  @Transactional
  Checked recheck(Migration migration) {
    Target source = inventory.find(migration.sourceTargetId).orElse(null);
    Target target = inventory.find(migration.targetTargetId).orElse(null);
    Artifact backup = artifacts.findById(migration.artifactId);
    if (source == null || target == null || backup == null) {
      throw refused("the source dataset, the target dataset or the backup no longer exists");
    }
    return checked(source, target, backup);
  }

  private Checked checked(Target source, Target target, Artifact backup) {
    if (!"COMPLETED".equals(backup.status)) {
      throw new KeeperException(
          ErrorCode.CONFLICT,
          "only a COMPLETED backup can be migrated; this one is " + backup.status);
    }
    if (!target.projectId.equals(source.projectId)) {
      throw refused("the target dataset must belong to the source dataset's project");
    }
    if (target.id.equals(source.id)) {
      throw refused("the target must be another dataset (another tenant of the same database)");
    }
    Dataset from = datasetRows.findById(source.id);
    Dataset into = datasetRows.findById(target.id);
    if (from.sourceKind != into.sourceKind) {
      throw refused(
          "a SQL dataset's backup migrates into another SQL dataset of the same database, a REST"
              + " dataset's into another tenant of the same REST API");
    }
    if (!into.active || target.isGone()) {
      throw new KeeperException(
          ErrorCode.CONFLICT, "the target dataset is suspended or deleted: resume it first");
    }
    ArchiveId archive = ArchiveId.of(source.projectId, source.externalId, backup.externalId);
    if (from.sourceKind == SourceKind.REST) {
      RestSourceConfig a = restConfig(from);
      RestSourceConfig b = restConfig(into);
      if (!api(a).equals(api(b))) {
        throw refused(
            "the target dataset must be the same REST API: the same entities, paths, id fields and"
                + " references");
      }
      String tenantA = a.baseUrl().toString().replaceAll("/+$", "");
      String tenantB = b.baseUrl().toString().replaceAll("/+$", "");
      if (tenantA.equals(tenantB)) {
        throw refused("the target dataset is the same tenant: its base URL must differ");
      }
      return new Checked(source, target, backup, archive, null, null, tenantA, tenantB, "rest");
    }
    SqlSourceConfig a = config(from);
    SqlSourceConfig b = config(into);
    if (!a.host().equalsIgnoreCase(b.host())
        || a.port() != b.port()
        || !a.database().equals(b.database())) {
      throw refused("the target dataset must be on the source's database (the same JDBC URL)");
    }
    if (!new HashSet<>(a.tables()).equals(new HashSet<>(b.tables()))) {
      throw refused("the target dataset must list the same tables as the source dataset");
    }
    if (!a.tenantColumn().equalsIgnoreCase(b.tenantColumn())) {
      throw refused("the target dataset must use the same tenant column");
    }
    if (a.tenantValue().equals(b.tenantValue())) {
      throw refused("the target dataset is the same tenant: its tenant value must differ");
    }
    SqlCredentials login;
    try {
      login =
          SqlSourceConfigReader.credentials(
              credentials.open(into).orElseGet(JSON::createObjectNode));
    } catch (InvalidSourceConfigException | CredentialsUnreadableException e) {
      throw refused("the target dataset's credentials cannot be used: register them again");
    }
    String database = b.host().toLowerCase(Locale.ROOT) + ":" + b.port() + "/" + b.database();
    return new Checked(
        source, target, backup, archive, b, login, a.tenantValue(), b.tenantValue(), database);
  }

  /** What makes two REST datasets the same API. */
  private static java.util.List<String> api(RestSourceConfig config) {
    return config.entities().stream()
        .map(
            e ->
                e.name()
                    + " "
                    + e.path()
                    + " "
                    + e.id()
                    + " "
                    + e.references().stream().map(r -> r.field() + ">" + r.entity()).toList())
        .sorted()
        .toList();
  }

  private static RestSourceConfig restConfig(Dataset dataset) {
    try {
      return RestSourceConfigReader.read(JSON.readTree(dataset.sourceConfig));
    } catch (IOException | InvalidSourceConfigException e) {
      throw refused("a dataset's stored source configuration is not valid");
    }
  }

  private static SqlSourceConfig config(Dataset dataset) {
    try {
      return SqlSourceConfigReader.read(JSON.readTree(dataset.sourceConfig));
    } catch (IOException | InvalidSourceConfigException e) {
      throw refused("a dataset's stored source configuration is not valid");
    }
  }

  private static KeeperException refused(String why) {
    return new KeeperException(ErrorCode.MIGRATION_REFUSED, why);
  }
}
