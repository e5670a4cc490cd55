package dev.trovekeeper.testing;

import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Gives a {@link Tenant} one resource of every kind the API names: a project default policy, an
 * override on its first instance, a completed manual backup (a run and an artifact), a dataset (a
 * REST source with an API key) with a completed backup (an archive written directly), and a
 * finished diff of that backup against itself.
 */
public final class TenantData {

  public static final String PROJECT_DEFAULT =
      """
      {"name": "project-default", "scheduleKind": "CRON", "cronExpression": "0 0 0 1 1 ? 2099",
       "timeZone": "UTC", "keepLast": 5}
      """;

  public static final String OVERRIDE =
      """
      {"name": "override", "scheduleKind": "CRON", "cronExpression": "0 0 0 1 1 ? 2098",
       "timeZone": "Europe/Berlin", "keepLast": 2}
      """;

  /** Where the sample dataset's source would be: nothing listens there (no run reads it). */
  public static final String DATASET_SOURCE =
      """
      {"kind": "REST", "config": {"baseUrl": "http://127.0.0.1:9/shop/api",
        "auth": {"type": "API_KEY", "header": "X-Shop-Key"},
        "rateLimit": {"requests": 10, "window": "PT1S"},
        "paging": {"type": "PAGE", "limit": 50},
        "total": {"type": "HEADER", "header": "X-Total-Count"},
        "entities": [{"name": "products", "path": "/products", "items": "/products"}]}}
      """;

  /** A REST dataset; its API key is a secret no answer may show. */
  public static final String DATASET =
      """
      {"name": "shop", "source": %s, "credentials": {"apiKey": "tenant-data-secret-key"}}
      """
          .formatted(DATASET_SOURCE);

  private TenantData() {}

  /**
   * Creates the data and answers its ids by the names the API's path and query parameters give them
   * (instanceId, runId, backupId, artifactId, datasetId, projectId, project).
   */
  public static Map<String, String> populate(Tenant t) {
    String instance = "/v1/instances/" + t.instance(0);
    put(t, "/v1/project/policy", PROJECT_DEFAULT);
    put(t, instance + "/policy", OVERRIDE);
    String runId =
        t.asMember()
            .post(instance + "/backups")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("id");
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "SUCCEEDED".equals(t.asReader().get("/v1/runs/" + runId).path("state")));
    String backupId =
        t.asReader()
            .queryParam("status", "COMPLETED")
            .get(instance + "/backups")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("items[0].id");
    String datasetId = t.createDataset(DATASET);
    String datasetBackupId = datasetBackup(datasetId);
    String diffId =
        t.asMember()
            .contentType("application/json")
            .body(
                "{\"backupId\": \"%s\", \"otherBackupId\": \"%s\"}"
                    .formatted(datasetBackupId, datasetBackupId))
            .post("/v1/datasets/" + datasetId + "/diffs")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("id");
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "SUCCEEDED".equals(t.asReader().get("/v1/runs/" + diffId).path("state")));
    return Map.ofEntries(
        Map.entry("restoreId", restore(datasetId, datasetBackupId)),
        Map.entry("datasetBackupId", datasetBackupId),
        Map.entry("diffId", diffId),
        Map.entry("datasetId", datasetId),
        Map.entry("instanceId", t.instance(0)),
        Map.entry("runId", runId),
        Map.entry("backupId", backupId),
        Map.entry("artifactId", backupId),
        Map.entry("projectId", t.projectId),
        Map.entry("project", t.projectId));
  }

  /**
   * A finished (FAILED) restore of the dataset's backup, its rows written directly: the sample
   * source listens nowhere, so a real one would only wait on its safety backup. Its public id.
   */
  private static String restore(String datasetId, String backupId) {
    var em = io.quarkus.arc.Arc.container().instance(jakarta.persistence.EntityManager.class).get();
    String runId = java.util.UUID.randomUUID().toString();
    Db.read(
        () -> {
          em.createNativeQuery(
                  "INSERT INTO runs (public_id, target_id, project_id, operation, run_trigger,"
                      + " state, backup_type, reason_code, created_at, updated_at, finished_at)"
                      + " SELECT ?1, t.id, t.project_id, 'RESTORE_DATA', 'MANUAL', 'FAILED',"
                      + " 'FULL', 'SAFETY_BACKUP_FAILED', NOW(6), NOW(6), NOW(6)"
                      + " FROM targets t WHERE t.kind = 'DATASET' AND t.external_id = ?2")
              .setParameter(1, runId)
              .setParameter(2, datasetId)
              .executeUpdate();
          em.createNativeQuery(
                  "INSERT INTO data_restores (run_id, target_id, project_id, backup_artifact_id,"
                      + " backup_public_id, selection, include_added)"
                      + " SELECT r.id, r.target_id, r.project_id, a.id, a.public_id,"
                      + " '{\"all\":true}', FALSE FROM runs r JOIN artifacts a"
                      + " ON a.target_id = r.target_id AND a.public_id = ?2 WHERE r.public_id = ?1")
              .setParameter(1, runId)
              .setParameter(2, backupId)
              .executeUpdate();
          return null;
        });
    return runId;
  }

  /** A COMPLETED backup of the dataset: its archive written directly; its public id. */
  public static String datasetBackup(String datasetId) {
    var container = io.quarkus.arc.Arc.container();
    dev.trovekeeper.inventory.Target target =
        Db.read(
            () ->
                container
                    .instance(dev.trovekeeper.inventory.TargetRepository.class)
                    .get()
                    .findByExternalId(dev.trovekeeper.inventory.TargetKind.DATASET, datasetId)
                    .orElseThrow());
    DatasetArchives archives =
        new DatasetArchives(
            container.instance(jakarta.persistence.EntityManager.class).get(),
            container.instance(dev.trovekeeper.storage.ObjectStore.class).get(),
            container.instance(dev.trovekeeper.archive.MediaStore.class).get(),
            container.instance(dev.trovekeeper.archive.ArchiveSettings.class).get(),
            java.time.Clock.systemUTC());
    return archives.backup(target, java.time.Instant.now()).publicId;
  }

  private static void put(Tenant t, String path, String policy) {
    t.asMember().contentType("application/json").body(policy).put(path).then().statusCode(200);
  }
}
