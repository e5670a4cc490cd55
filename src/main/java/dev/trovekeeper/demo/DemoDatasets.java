package dev.trovekeeper.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.trovekeeper.auth.Caller;
import dev.trovekeeper.auth.Role;
import dev.trovekeeper.dataset.DatasetRequest;
import dev.trovekeeper.dataset.DatasetService;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * With the demo region on, registers two datasets in demo project A so that the embedded default
 * backs tenant data up with no configuration: the demo shop's REST API ({@code
 * demo/datasets/shop-rest.json}) and tenant {@code acme} of the shared-schema SQL sample ({@code
 * demo/datasets/shop-sql.json}). The files are dataset requests as {@code POST /v1/datasets} takes
 * them, with {@code ${...}} placeholders for what only the running demo knows. A dataset of the
 * same name that is already registered (a restart) keeps its id, policy and backups; only its
 * source and credentials follow this start's (the shop's port and the database's change).
 */
@ApplicationScoped
class DemoDatasets {

  static final String REST = "demo/datasets/shop-rest.json";
  static final String SQL = "demo/datasets/shop-sql.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SERVER = Pattern.compile("jdbc:(?:mariadb|mysql)://([^/?]+)/.*");

  /** Registers after the sample database exists ({@link SampleDatabaseSeeder}). */
  void onStart(
      @Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 100)
          StartupEvent event,
      DemoConfig config,
      DemoRegionLauncher launcher,
      DatasetService datasets,
      @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> jdbcUrl,
      @ConfigProperty(name = "quarkus.datasource.username") Optional<String> dbUser,
      @ConfigProperty(name = "quarkus.datasource.password") Optional<String> dbPassword) {
    if (!config.enabled()) {
      return;
    }
    registerAll(
        datasets,
        launcher.region().map(r -> r.shop()).orElse(null),
        jdbcUrl.orElse(""),
        dbUser.orElse("root"),
        dbPassword.orElse(""));
  }

  /**
   * Registers the shop's REST dataset (when {@code shop} is given) and the SQL sample of the
   * database at {@code jdbcUrl} (its server, schema {@code shop_shared}), each unless present.
   */
  static void registerAll(
      DatasetService datasets,
      dev.trovekeeper.demo.shop.DemoShop shop,
      String jdbcUrl,
      String dbUser,
      String dbPassword) {
    Caller demo =
        new Caller(
            DemoSeed.userId(DemoSeed.KEEPER_USER),
            "demo datasets",
            DemoSeed.PROJECT_A_ID,
            Set.of(Role.MEMBER));
    if (shop != null) {
      register(
          datasets,
          demo,
          REST,
          Map.of("shopApiUrl", shop.apiUrl(), "shopApiKey", shop.settings().apiKey()));
    }
    Matcher server = SERVER.matcher(jdbcUrl);
    if (server.matches()) {
      register(
          datasets,
          demo,
          SQL,
          Map.of(
              "sharedJdbcUrl",
              "jdbc:mariadb://" + server.group(1) + "/" + SampleDatabaseSeeder.SCHEMA,
              "dbUser",
              dbUser,
              "dbPassword",
              dbPassword));
    }
  }

  private static void register(
      DatasetService datasets, Caller demo, String resource, Map<String, String> values) {
    try {
      DatasetRequest request = JSON.treeToValue(read(resource, values), DatasetRequest.class);
      datasets
          .registerOrRefresh(demo, request)
          .ifPresent(
              d ->
                  Log.infof(
                      "Demo dataset %s (%s source) registered or moved to this start's source in"
                          + " %s: GET /v1/datasets/%s",
                      d.name(), d.source().kind(), d.projectId(), d.id()));
    } catch (RuntimeException | IOException e) {
      // the demo goes on without this sample dataset
      Log.warnf("Demo dataset from %s not registered: %s", resource, e.getMessage());
    }
  }

  /** The resource with each {@code ${name}} replaced by its value, as a JSON string. */
  private static com.fasterxml.jackson.databind.JsonNode read(
      String resource, Map<String, String> values) throws IOException {
    try (InputStream in =
        Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (var value : values.entrySet()) {
        // JSON-escaped, so a value can never break out of its string
        String quoted = JsonNodeFactory.instance.textNode(value.getValue()).toString();
        text = text.replace("${" + value.getKey() + "}", quoted.substring(1, quoted.length() - 1));
      }
      return JSON.readTree(text);
    }
  }
}
