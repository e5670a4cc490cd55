package dev.trovekeeper.migration;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.archive.ArchiveReader;
import dev.trovekeeper.archive.ArchiveSettings;
import dev.trovekeeper.archive.Manifest;
import dev.trovekeeper.datarestore.EntityOrder;
import dev.trovekeeper.datarestore.MediaRestorer;
import dev.trovekeeper.dataset.LiveSources;
import dev.trovekeeper.dataset.OpenedSource;
import dev.trovekeeper.source.EntitySchema;
import dev.trovekeeper.source.RecordWriter;
import dev.trovekeeper.source.SourceSchema;
import dev.trovekeeper.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongConsumer;
import javax.sql.DataSource;

/**
 * Opens what a migration pass needs (the backup's archive, the target database, its metadata, the
 * id map) and runs one {@link Migrator} pass over it: a dry run for a plan, or the real one. A REST
 * backup goes through the target tenant's API instead ({@link RestMigrator}).
 */
@ApplicationScoped
class MigrationPasses {

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * What a pass found and did.
   *
   * @param result counts and collisions
   * @param mappings how each table was carried
   * @param cycles the backup's foreign-key cycles
   * @param brokenCycles the cycles and how they are broken, when computed by the pass (REST); null
   *     for SQL (the plan derives them from the mappings)
   */
  record Outcome(
      Migrator.Result result,
      Map<String, TableMapping> mappings,
      List<List<String>> cycles,
      List<MigrationPlan.Cycle> brokenCycles) {}

  private final ObjectStore objects;
  private final ArchiveSettings settings;
  private final DataSource dataSource;
  private final MigrationConfig config;
  private final LiveSources live;
  private final Clock clock;

  MigrationPasses(
      ObjectStore objects,
      ArchiveSettings settings,
      DataSource dataSource,
      MigrationConfig config,
      LiveSources live,
      Clock clock) {
    this.live = live;
    this.objects = objects;
    this.settings = settings;
    this.dataSource = dataSource;
    this.config = config;
    this.clock = clock;
  }

  /**
   * One pass of {@code checked}'s migration.
   *
   * @param scopeId the id map's scope, 0 when it has none yet (a plan)
   * @param runId the run (0 for a plan)
   * @param total told the rows the pass will handle, before the first
   */
  Outcome pass(
      MigrationTargets.Checked checked,
      long scopeId,
      boolean dryRun,
      long runId,
      Migrator.Listener listener,
      LongConsumer total)
      throws SQLException {
    ArchiveReader archive = ArchiveReader.open(objects, settings, checked.archive());
    if (checked.rest()) {
      try {
        return rest(checked, archive, scopeId, dryRun, runId, listener, total);
      } catch (InterruptedException e) {
        // stopping: the step counts as failed once and the run is taken up again
        Thread.currentThread().interrupt();
        throw new IllegalStateException("migration interrupted", e);
      }
    }
    if (!"SQL".equals(archive.manifest().sourceKind())) {
      throw new MigrationException("BACKUP_NOT_SQL", "the backup is not of a SQL source");
    }
    requireSchema(archive.manifest());
    SourceSchema schema;
    try {
      schema = JSON.treeToValue(archive.manifest().schema(), SourceSchema.class);
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw new MigrationException("BACKUP_UNREADABLE", "the backup's schema cannot be read");
    }
    List<String> names = new ArrayList<>();
    schema.entities().stream().map(EntitySchema::name).forEach(names::add);
    try (Connection c = connect(checked)) {
      var tables = TargetSchema.read(c, checked.config().database(), names);
      var mappings = TableMapping.of(schema.entities(), tables, checked.config().tenantColumn());
      total.accept(Migrator.totalRows(archive, mappings, !dryRun));
      Migrator migrator =
          new Migrator(
              archive,
              mappings,
              tables,
              c,
              checked.config().database(),
              checked.config().tenantColumn(),
              checked.config().tenantValue(),
              new IdMap(dataSource, scopeId, clock),
              dryRun,
              runId,
              config.batchSize(),
              listener);
      return new Outcome(migrator.run(), mappings, schema.cycles(), null);
    }
  }

  /** A pass of a REST backup through the target tenant's API ({@link RestMigrator}). */
  private Outcome rest(
      MigrationTargets.Checked checked,
      ArchiveReader archive,
      long scopeId,
      boolean dryRun,
      long runId,
      Migrator.Listener listener,
      LongConsumer total)
      throws SQLException, InterruptedException {
    Manifest manifest = archive.manifest();
    if (!"REST".equals(manifest.sourceKind())) {
      throw new MigrationException("BACKUP_NOT_REST", "the backup is not of a REST source");
    }
    requireSchema(manifest);
    total.accept(manifest.records());
    IdMap map = new IdMap(dataSource, scopeId, clock);
    Migrator.Result result;
    if (dryRun) {
      result = new RestMigrator(archive, null, null, map, 0, listener).run();
    } else {
      OpenedSource target =
          live.openActive(checked.target().id)
              .orElseThrow(
                  () ->
                      new MigrationException(
                          "TARGET_SUSPENDED", "the target dataset is suspended: resume it first"));
      try (RecordWriter writer = target.writer()) {
        MediaRestorer media =
            manifest.media().isEmpty() || !writer.acceptsMedia()
                ? null
                : new MediaRestorer(writer, objects, settings.tempDir(), manifest);
        result = new RestMigrator(archive, writer, media, map, runId, listener).run();
      }
    }
    List<String> entities = RestMigrator.entities(manifest);
    List<List<String>> cycles = EntityOrder.cycles(entities, manifest.schema());
    return new Outcome(
        result, Map.of(), cycles, broken(cycles, entities, manifest.schema(), result));
  }

  /**
   * A migration remaps ids through the id fields and references of the backup's schema snapshot; a
   * manifest without one (the format leaves it optional: an older or foreign writer) cannot be
   * migrated, and nothing is read from the target nor written.
   */
  private static void requireSchema(Manifest manifest) {
    if (manifest.schema() == null || !manifest.schema().path("entities").isArray()) {
      throw new MigrationException(
          "BACKUP_SCHEMA_MISSING",
          "the backup's manifest carries no source schema (schema.entities with each entity's id"
              + " fields and references): its ids cannot be remapped into another tenant");
    }
  }

  /**
   * How each REST cycle is broken: the references of its entities to an entity of the cycle written
   * at the same time or later, sent empty and set afterwards.
   */
  private static List<MigrationPlan.Cycle> broken(
      List<List<String>> cycles,
      List<String> entities,
      com.fasterxml.jackson.databind.JsonNode schema,
      Migrator.Result result) {
    List<String> order = EntityOrder.of(entities, schema);
    Map<String, Long> deferred = new java.util.HashMap<>();
    result.tables().forEach(t -> deferred.put(t.table(), t.deferred()));
    List<MigrationPlan.Cycle> out = new ArrayList<>();
    for (List<String> cycle : cycles) {
      List<MigrationPlan.BrokenReference> by = new ArrayList<>();
      for (var entity : schema.path("entities")) {
        String name = entity.path("name").asText();
        if (!cycle.contains(name)) {
          continue;
        }
        for (var ref : entity.path("references")) {
          String to = ref.path("entity").asText();
          if (cycle.contains(to) && order.indexOf(to) >= order.indexOf(name)) {
            List<String> fields = new ArrayList<>();
            ref.path("fields").forEach(f -> fields.add(f.asText()));
            by.add(
                new MigrationPlan.BrokenReference(
                    name, ref.path("name").asText(), fields, to, deferred.getOrDefault(name, 0L)));
          }
        }
      }
      out.add(new MigrationPlan.Cycle(cycle, by));
    }
    return out;
  }

  private static Connection connect(MigrationTargets.Checked checked) throws SQLException {
    var props = new Properties();
    props.setProperty("user", checked.credentials().username());
    props.setProperty("password", checked.credentials().password().reveal());
    Connection c = new org.mariadb.jdbc.Driver().connect(checked.config().jdbcUrl(), props);
    if (c == null) {
      throw new SQLException("no driver for the target's URL", "08001");
    }
    return c;
  }
}
