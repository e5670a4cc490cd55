package dev.trovekeeper.source.sql;

import java.util.List;

/**
 * A validated SQL source (read with {@link SqlSourceConfigReader}); credentials are {@link
 * SqlCredentials}.
 *
 * @param host database host
 * @param port database port
 * @param database the schema holding every tenant's rows
 * @param tenantColumn the discriminator column, present in every table
 * @param tenantValue this tenant's value of it
 * @param tables the tables to read (order is decided by foreign keys)
 * @param fetchSize rows fetched per round trip while streaming
 */
public record SqlSourceConfig(
    String host,
    int port,
    String database,
    String tenantColumn,
    String tenantValue,
    List<String> tables,
    int fetchSize) {

  public SqlSourceConfig {
    tables = List.copyOf(tables);
  }

  /**
   * The JDBC URL, built from the validated parts only (never the tenant's text as given): local
   * infile off, so a hostile server cannot ask for the service's files.
   */
  public String jdbcUrl() {
    return "jdbc:mariadb://"
        + host
        + ":"
        + port
        + "/"
        + database
        + "?allowLocalInfile=false&connectTimeout=10000&socketTimeout=600000";
  }
}
