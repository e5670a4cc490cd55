package dev.trovekeeper.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.archive.ArchiveId;
import dev.trovekeeper.archive.ArchiveKeys;
import dev.trovekeeper.archive.ArchiveReader;
import dev.trovekeeper.archive.ArchiveSettings;
import dev.trovekeeper.archive.ArchiveVerifier;
import dev.trovekeeper.archive.Manifest;
import dev.trovekeeper.archive.RecordStream;
import dev.trovekeeper.boot.EmbeddedDatabase;
import dev.trovekeeper.demo.shop.SharedShopDatabase;
import dev.trovekeeper.inventory.Target;
import dev.trovekeeper.run.Run;
import dev.trovekeeper.run.RunRepository;
import dev.trovekeeper.run.RunService;
import dev.trovekeeper.run.RunState;
import dev.trovekeeper.storage.ObjectStore;
import dev.trovekeeper.testing.Db;
import dev.trovekeeper.testing.MariaDbTestResource;
import dev.trovekeeper.testing.Projects;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Must show 4 (executor part): one tenant's rows of the sample shared-schema database (FK chains
 * and a cycle) backed up through the run engine into a verifiable archive.
 */
@QuarkusTest
class SqlDatasetBackupTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA = "shop_shared";

  @Inject DatasetRows rows;
  @Inject RunService runService;
  @Inject RunRepository runs;
  @Inject ObjectStore objects;
  @Inject ArchiveSettings settings;
  @Inject EntityManager em;

  @Test
  void theTenantsRowsOnceEachAndNoOtherTenantsWithTheCycleInTheManifest() throws Exception {
    String url = MariaDbTestResource.database().jdbcUrl();
    try (var c = DriverManager.getConnection(url, EmbeddedDatabase.USER, "")) {
      SharedShopDatabase.create(c, SCHEMA, SharedShopDatabase.TENANTS, 20);
    }
    String port = url.replaceAll(".*://[^:/]+:(\\d+)/.*", "$1");
    var config =
        JSON.createObjectNode()
            .put("jdbcUrl", "jdbc:mariadb://127.0.0.1:" + port + "/" + SCHEMA)
            .put("tenantColumn", "tenant_id")
            .put("tenantValue", "globex");
    SharedShopDatabase.TABLES.forEach(config.withArray("tables")::add);
    String project = Projects.create("dssql");
    Target target =
        rows.register(
            project,
            "shared-shop",
            SourceKind.SQL,
            config.toString(),
            "{\"username\": \"" + EmbeddedDatabase.USER + "\", \"password\": \"\"}");

    long runId = runService.createManual(target.id, project, null).id;
    Run done =
        Awaitility.await()
            .atMost(Duration.ofSeconds(120))
            .until(
                () -> Db.read(() -> runs.findById(runId)),
                r -> r.state != RunState.PENDING && r.state != RunState.RUNNING);

    assertThat(done.state).as(done.reasonCode + " " + done.reason).isEqualTo(RunState.SUCCEEDED);
    var id =
        new ArchiveId(project, UUID.fromString(target.externalId), UUID.fromString(done.publicId));
    var reader = ArchiveReader.open(objects, settings, id);
    Manifest manifest = reader.manifest();
    assertThat(manifest.sourceKind()).isEqualTo("SQL");
    assertThat(manifest.entities().stream().map(Manifest.Entity::name))
        .containsExactly("customers", "orders", "products", "order_items", "product_tags");
    assertThat(manifest.metadata().get("cycles").toString())
        .isEqualTo("[[\"customers\",\"orders\"]]");
    assertThat(manifest.schema().get("cycles").toString())
        .isEqualTo("[[\"customers\",\"orders\"]]");
    for (var entity : manifest.entities()) {
      List<JsonNode> records = new ArrayList<>();
      try (RecordStream<JsonNode> stream = reader.records(entity.name())) {
        stream.forEachRemaining(records::add);
      }
      assertThat(records).as(entity.name()).isNotEmpty().hasSize((int) entity.records());
      assertThat(records).hasSize((int) count(url, entity.name(), "globex"));
      assertThat(records)
          .allSatisfy(r -> assertThat(r.get("tenant_id").asText()).isEqualTo("globex"));
      var idFields = new ArrayList<String>();
      for (JsonNode e : manifest.schema().get("entities")) {
        if (e.get("name").asText().equals(entity.name())) {
          e.get("idFields").forEach(f -> idFields.add(f.asText()));
        }
      }
      assertThat(idFields).contains("tenant_id");
      var keys = new HashSet<String>();
      for (JsonNode r : records) {
        keys.add(idFields.stream().map(f -> r.get(f).asText()).collect(Collectors.joining("|")));
      }
      assertThat(keys).as(entity.name() + " rows once each").hasSameSizeAs(records);
    }
    assertThat(new ArchiveVerifier(objects).verify(ArchiveKeys.backupPrefix(id)).problems())
        .isEmpty();
  }

  private static long count(String url, String table, String tenant) throws Exception {
    try (var c = DriverManager.getConnection(url, EmbeddedDatabase.USER, "");
        var s =
            c.prepareStatement(
                "SELECT COUNT(*) FROM " + SCHEMA + "." + table + " WHERE tenant_id = ?")) {
      s.setString(1, tenant);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
