package dev.trovekeeper.source.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.trovekeeper.api.Problem.FieldError;
import dev.trovekeeper.config.Secret;
import dev.trovekeeper.source.ConfigFields;
import dev.trovekeeper.source.InvalidSourceConfigException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a SQL source's JSON configuration, naming every invalid field:
 *
 * <pre>{@code
 * {"jdbcUrl": "jdbc:mariadb://db.example:3306/shop", "tenantColumn": "tenant_id",
 *  "tenantValue": "acme", "tables": ["customers", "orders", "order_items"]}
 * }</pre>
 *
 * The URL may only name host, port and database ({@code jdbc:mariadb://} or {@code jdbc:mysql://},
 * no parameters); identifiers are checked again against the database's metadata when read.
 */
public final class SqlSourceConfigReader {

  private static final Pattern URL =
      Pattern.compile(
          "jdbc:(?:mariadb|mysql)://([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:]+\\])(?::(\\d{1,5}))?/([A-Za-z0-9_$]{1,64})");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_$]{1,64}");
  private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7E]{1,255}");

  private SqlSourceConfigReader() {}

  /** Every invalid field (empty when valid). */
  public static List<FieldError> validate(JsonNode source) {
    var f = new ConfigFields();
    read(source, f);
    return f.errors();
  }

  /** The configuration; {@link InvalidSourceConfigException} naming every invalid field. */
  public static SqlSourceConfig read(JsonNode source) {
    var f = new ConfigFields();
    var config = read(source, f);
    if (!f.errors().isEmpty()) {
      throw new InvalidSourceConfigException(f.errors());
    }
    return config;
  }

  /** The login from the API's {@code credentials} object ({@code username}, {@code password}). */
  public static SqlCredentials credentials(JsonNode credentials) {
    var f = new ConfigFields();
    var holder = JsonNodeFactory.instance.objectNode();
    if (credentials != null) {
      holder.set("credentials", credentials);
    }
    var node = f.object(holder, "credentials", "credentials", true, "username", "password");
    var user =
        f.text(
            node,
            "username",
            "credentials.username",
            true,
            "",
            Pattern.compile("[\\x21-\\x7E]{1,80}"),
            "1 to 80 printable characters");
    var password =
        f.text(
            node,
            "password",
            "credentials.password",
            true,
            "",
            Pattern.compile("[\\x20-\\x7E]{0,512}"),
            "printable");
    if (!f.errors().isEmpty()) {
      throw new InvalidSourceConfigException(f.errors());
    }
    return new SqlCredentials(user, Secret.of(password));
  }

  private static SqlSourceConfig read(JsonNode source, ConfigFields f) {
    if (!f.root(source, "jdbcUrl", "tenantColumn", "tenantValue", "tables", "fetchSize")) {
      return null;
    }
    var url = f.text(source, "jdbcUrl", "jdbcUrl", true, null, null, null);
    String host = null;
    int port = 3306;
    String database = null;
    if (url != null) {
      var m = URL.matcher(url);
      if (m.matches() && (m.group(2) == null || Integer.parseInt(m.group(2)) <= 65535)) {
        host = m.group(1);
        port = m.group(2) == null ? 3306 : Integer.parseInt(m.group(2));
        database = m.group(3);
      } else {
        f.error(
            "jdbcUrl",
            "must be jdbc:mariadb://host[:port]/database (or jdbc:mysql://), without parameters");
      }
    }
    var column =
        f.text(
            source,
            "tenantColumn",
            "tenantColumn",
            true,
            null,
            IDENTIFIER,
            "a column name (letters, digits, _ and $)");
    var value =
        f.text(
            source,
            "tenantValue",
            "tenantValue",
            true,
            null,
            VALUE,
            "1 to 255 printable characters");
    var tables = new ArrayList<String>();
    var nodes = f.array(source, "tables", "tables", true);
    if (nodes.isEmpty() && source.has("tables")) {
      f.error("tables", "must list at least one table");
    }
    var seen = new HashSet<String>();
    for (int i = 0; i < nodes.size(); i++) {
      var n = nodes.get(i);
      if (!n.isTextual() || !IDENTIFIER.matcher(n.textValue()).matches()) {
        f.error("tables[" + i + "]", "must be a table name (letters, digits, _ and $)");
      } else if (!seen.add(n.textValue())) {
        f.error("tables[" + i + "]", "is listed twice");
      } else {
        tables.add(n.textValue());
      }
    }
    int fetchSize = f.integer(source, "fetchSize", "fetchSize", false, 500, 1, 10_000);
    return new SqlSourceConfig(host, port, database, column, value, tables, fetchSize);
  }
}
