package dev.trovekeeper.migration;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.archive.ArchiveReader;
import dev.trovekeeper.archive.ArchiveSettings;
import dev.trovekeeper.source.EntitySchema;
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
 * id map) and runs one {@link Migrator} pass over it: a dry run for a plan, or the real one.
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
   */
  record Outcome(
      Migrator.Result result, Map<String, TableMapping> mappings, List<List<String>> cycles) {}

  private final ObjectStore objects;
  private final ArchiveSettings settings;
  private final DataSource dataSource;
  private final MigrationConfig config;
  private final Clock clock;

  MigrationPasses(
      ObjectStore objects,
      ArchiveSettings settings,
      DataSource dataSource,
      MigrationConfig config,
      Clock clock) {
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
    if (!"SQL".equals(archive.manifest().sourceKind())) {
      throw new MigrationException("BACKUP_NOT_SQL", "the backup is not of a SQL source");
    }
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
      return new Outcome(migrator.run(), mappings, schema.cycles());
    }
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
