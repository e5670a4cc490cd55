package dev.trovekeeper.demo.shop;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The sample shared-schema database (one schema, every tenant's rows side by side, told apart by
 * {@code tenant_id}): customers, orders, order_items, products and product_tags, with composite
 * foreign keys in chains (order_items -> orders -> customers, order_items -> products) and one
 * cycle (customers.first_order_id -> orders). Deterministic: the same tenants and sizes give the
 * same rows.
 */
public final class SharedShopDatabase {

  /** The demo's tenants and how many customers each has (orders: twice as many). */
  public static final List<String> TENANTS = List.of("acme", "globex", "initech");

  public static final List<String> TABLES =
      List.of("order_items", "orders", "product_tags", "customers", "products");

  private SharedShopDatabase() {}

  /**
   * Creates {@code schema} with the five tables unless it already holds them, and fills it: tenant
   * number {@code i} of {@code tenants} gets {@code customers - 3 * i} customers (at least 1).
   *
   * @param c a connection allowed to create schemas
   * @return whether it was created now (false: it was there)
   */
  public static boolean create(Connection c, String schema, List<String> tenants, int customers)
      throws SQLException {
    if (!schema.matches("[a-z_]{1,64}")) {
      throw new IllegalArgumentException("schema name");
    }
    try (var s = c.createStatement()) {
      try (var rs =
          s.executeQuery(
              "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
                  + schema
                  + "' AND table_name = 'order_items'")) {
        rs.next();
        if (rs.getInt(1) > 0) {
          return false;
        }
      }
      s.execute("CREATE DATABASE IF NOT EXISTS `" + schema + "` CHARACTER SET utf8mb4");
      for (var ddl : ddl(schema)) {
        s.execute(ddl);
      }
    }
    for (int i = 0; i < tenants.size(); i++) {
      fill(c, schema, tenants.get(i), Math.max(1, customers - 3 * i));
    }
    return true;
  }

  private static List<String> ddl(String d) {
    var t = "tenant_id VARCHAR(32) NOT NULL, ";
    return List.of(
        "CREATE TABLE `"
            + d
            + "`.customers ("
            + t
            + "id BIGINT NOT NULL, name VARCHAR(100) NOT NULL, email VARCHAR(200),"
            + " first_order_id BIGINT NULL, created_at DATETIME(6) NOT NULL,"
            + " PRIMARY KEY (tenant_id, id)) ENGINE=InnoDB",
        "CREATE TABLE `"
            + d
            + "`.products ("
            + t
            + "id BIGINT NOT NULL, title VARCHAR(200) NOT NULL, price DECIMAL(10,2) NOT NULL,"
            + " weight_kg DOUBLE, active BOOLEAN NOT NULL, thumbnail BLOB, released DATE,"
            + " PRIMARY KEY (tenant_id, id)) ENGINE=InnoDB",
        "CREATE TABLE `"
            + d
            + "`.orders ("
            + t
            + "id BIGINT NOT NULL, customer_id BIGINT NOT NULL, placed_at TIMESTAMP(3) NOT NULL,"
            + " total DECIMAL(12,2) NOT NULL, PRIMARY KEY (tenant_id, id),"
            + " CONSTRAINT fk_orders_customer FOREIGN KEY (tenant_id, customer_id)"
            + " REFERENCES `"
            + d
            + "`.customers (tenant_id, id)) ENGINE=InnoDB",
        "ALTER TABLE `"
            + d
            + "`.customers ADD CONSTRAINT fk_customers_first_order"
            + " FOREIGN KEY (tenant_id, first_order_id) REFERENCES `"
            + d
            + "`.orders (tenant_id, id)",
        "CREATE TABLE `"
            + d
            + "`.order_items ("
            + t
            + "order_id BIGINT NOT NULL, line_no INT NOT NULL, product_id BIGINT NOT NULL,"
            + " quantity INT NOT NULL, PRIMARY KEY (tenant_id, order_id, line_no),"
            + " CONSTRAINT fk_items_order FOREIGN KEY (tenant_id, order_id)"
            + " REFERENCES `"
            + d
            + "`.orders (tenant_id, id),"
            + " CONSTRAINT fk_items_product FOREIGN KEY (tenant_id, product_id)"
            + " REFERENCES `"
            + d
            + "`.products (tenant_id, id)) ENGINE=InnoDB",
        "CREATE TABLE `"
            + d
            + "`.product_tags ("
            + t
            + "product_id BIGINT NOT NULL, tag VARCHAR(40) NOT NULL,"
            + " PRIMARY KEY (tenant_id, product_id, tag),"
            + " CONSTRAINT fk_tags_product FOREIGN KEY (tenant_id, product_id)"
            + " REFERENCES `"
            + d
            + "`.products (tenant_id, id)) ENGINE=InnoDB");
  }

  private static void fill(Connection c, String d, String tenant, int customers)
      throws SQLException {
    var random = new SplittableRandom(tenant.hashCode());
    int products = customers + 2;
    int orders = customers * 2;
    try (var p =
        c.prepareStatement("INSERT INTO `" + d + "`.customers VALUES (?, ?, ?, ?, NULL, ?)")) {
      for (int id = 1; id <= customers; id++) {
        p.setString(1, tenant);
        p.setLong(2, id);
        p.setString(3, tenant + " customer " + id);
        p.setString(4, id % 4 == 0 ? null : "c" + id + "@" + tenant + ".example");
        p.setObject(5, LocalDateTime.of(2026, 1, 1, 8, 0).plusHours(id));
        p.addBatch();
      }
      p.executeBatch();
    }
    try (var p =
        c.prepareStatement("INSERT INTO `" + d + "`.products VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= products; id++) {
        p.setString(1, tenant);
        p.setLong(2, id);
        p.setString(3, "Product " + id + " of " + tenant);
        p.setBigDecimal(4, BigDecimal.valueOf(100 + random.nextInt(99_900), 2));
        p.setDouble(5, 0.25 * (1 + random.nextInt(40)));
        p.setBoolean(6, id % 3 != 0);
        p.setBytes(7, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) id, (byte) 0x00});
        p.setObject(8, LocalDate.of(2025, 1, 1).plusDays(id));
        p.addBatch();
      }
      p.executeBatch();
    }
    try (var o = c.prepareStatement("INSERT INTO `" + d + "`.orders VALUES (?, ?, ?, ?, ?)");
        var i = c.prepareStatement("INSERT INTO `" + d + "`.order_items VALUES (?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= orders; id++) {
        o.setString(1, tenant);
        o.setLong(2, id);
        o.setLong(3, 1 + (id - 1) % customers);
        o.setTimestamp(
            4, Timestamp.from(Instant.parse("2026-02-01T00:00:00Z").plusSeconds(3_600L * id)));
        o.setBigDecimal(5, BigDecimal.valueOf(1_000 + random.nextInt(500_000), 2));
        o.addBatch();
        int lines = 1 + random.nextInt(3);
        for (int line = 1; line <= lines; line++) {
          i.setString(1, tenant);
          i.setLong(2, id);
          i.setInt(3, line);
          i.setLong(4, 1 + random.nextInt(products));
          i.setInt(5, 1 + random.nextInt(4));
          i.addBatch();
        }
      }
      o.executeBatch();
      i.executeBatch();
    }
    try (var t = c.prepareStatement("INSERT INTO `" + d + "`.product_tags VALUES (?, ?, ?)")) {
      for (int id = 1; id <= products; id++) {
        for (var tag : id % 2 == 0 ? List.of("new", "sale") : List.of("classic")) {
          t.setString(1, tenant);
          t.setLong(2, id);
          t.setString(3, tag);
          t.addBatch();
        }
      }
      t.executeBatch();
    }
    try (var u =
        c.prepareStatement(
            "UPDATE `" + d + "`.customers SET first_order_id = ? WHERE tenant_id = ? AND id = ?")) {
      for (int id = 1; id <= customers; id++) {
        u.setLong(1, id);
        u.setString(2, tenant);
        u.setLong(3, id);
        u.addBatch();
      }
      u.executeBatch();
    }
  }
}
