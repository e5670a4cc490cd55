package dev.trovekeeper.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.ratelimit.RateLimitStats;
import dev.trovekeeper.ratelimit.RateLimiters;
import dev.trovekeeper.ratelimit.SourceRateLimiter;
import dev.trovekeeper.source.RecordSink;
import dev.trovekeeper.source.RecordWriter;
import dev.trovekeeper.source.SourceException;
import dev.trovekeeper.source.rest.RestSource;
import dev.trovekeeper.source.rest.RestSourceConfig;
import dev.trovekeeper.source.rest.RestSourceConfigReader;
import dev.trovekeeper.source.rest.RestWriter;
import dev.trovekeeper.source.sql.SqlSource;
import dev.trovekeeper.source.sql.SqlSourceConfigReader;
import dev.trovekeeper.source.sql.SqlWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Opens a dataset's source from its stored configuration and credentials (decrypted here, for the
 * one backup, never logged). A REST source's requests go through the limit shared by every replica
 * and every dataset of the same source (same scheme, host and port).
 */
@ApplicationScoped
class DatasetSources {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DatasetCredentials credentials;
  private final RateLimiters limiters;

  DatasetSources(DatasetCredentials credentials, RateLimiters limiters) {
    this.credentials = credentials;
    this.limiters = limiters;
  }

  /** The key of a REST source's shared limit: its origin, hashed (keys allow few characters). */
  static String limitKey(URI baseUrl) {
    String origin =
        baseUrl.getScheme().toLowerCase(Locale.ROOT)
            + "://"
            + baseUrl.getHost().toLowerCase(Locale.ROOT)
            + ":"
            + baseUrl.getPort();
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8));
      return "rest:" + HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Opens the source of {@code dataset}.
   *
   * @throws dev.trovekeeper.source.InvalidSourceConfigException when the stored configuration or
   *     credentials do not fit the source kind
   * @throws CredentialsUnreadableException when the credentials cannot be decrypted
   */
  OpenedSource open(Dataset dataset) {
    JsonNode config = parse(dataset.sourceConfig.getBytes(StandardCharsets.UTF_8), "source");
    JsonNode secrets = credentials.open(dataset).orElseGet(JSON::createObjectNode);
    return switch (dataset.sourceKind) {
      case REST -> rest(config, secrets);
      case SQL -> sql(config, secrets);
    };
  }

  private OpenedSource rest(JsonNode json, JsonNode credentials) {
    RestSourceConfig config = RestSourceConfigReader.read(json);
    var restCredentials = RestSourceConfigReader.credentials(config, credentials);
    SourceRateLimiter limiter = limiters.forSource(limitKey(config.baseUrl()), config.rateLimit());
    RestSource source = new RestSource(config, restCredentials, limiter);
    return new OpenedSource() {
      @Override
      public void read(RecordSink sink) throws InterruptedException {
        source.read(sink);
      }

      @Override
      public InputStream openMedia(String url) throws InterruptedException {
        return source.openMedia(url);
      }

      @Override
      public RateLimitStats stats() {
        return limiter.stats();
      }

      @Override
      public int mediaConcurrency() {
        return config.concurrency();
      }

      @Override
      public RecordWriter writer() {
        return new RestWriter(config, restCredentials, limiter);
      }
    };
  }

  private static OpenedSource sql(JsonNode json, JsonNode credentials) {
    var config = SqlSourceConfigReader.read(json);
    var sqlCredentials = SqlSourceConfigReader.credentials(credentials);
    SqlSource source = new SqlSource(config, sqlCredentials);
    return new OpenedSource() {
      @Override
      public void read(RecordSink sink) throws InterruptedException {
        source.read(sink);
      }

      @Override
      public InputStream openMedia(String url) {
        throw new SourceException("a SQL source has no media", false);
      }

      @Override
      public RateLimitStats stats() {
        return null;
      }

      @Override
      public int mediaConcurrency() {
        return 1;
      }

      @Override
      public RecordWriter writer() {
        return new SqlWriter(config, sqlCredentials);
      }
    };
  }

  private static JsonNode parse(byte[] json, String what) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      // never the content: the credentials must not reach a log
      throw new SourceException("the dataset's stored " + what + " is not JSON", false);
    }
  }
}
