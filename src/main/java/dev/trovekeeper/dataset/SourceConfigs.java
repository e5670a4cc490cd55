package dev.trovekeeper.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trovekeeper.api.Problem.FieldError;
import dev.trovekeeper.source.InvalidSourceConfigException;
import dev.trovekeeper.source.rest.RestSourceConfig;
import dev.trovekeeper.source.rest.RestSourceConfigReader;
import dev.trovekeeper.source.sql.SqlSourceConfigReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a dataset's source and credentials together with the source readers, naming each invalid
 * field as the API body names it ({@code source.config.entities[0].path}, {@code
 * credentials.apiKey}). Pure: no CDI, no I/O.
 */
final class SourceConfigs {

  private SourceConfigs() {}

  /**
   * Every invalid field of {@code source} and {@code credentials} (null: none given); empty when
   * both are valid and the credentials are what the source's authentication needs.
   */
  static List<FieldError> check(DatasetSource source, JsonNode credentials) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode config = source.config();
    switch (source.kind()) {
      case REST -> {
        RestSourceConfigReader.validate(config).forEach(e -> errors.add(prefixed(e)));
        if (errors.isEmpty()) {
          RestSourceConfig read = RestSourceConfigReader.read(config);
          if (read.auth().type() == RestSourceConfig.AuthType.NONE) {
            if (given(credentials)) {
              errors.add(
                  new FieldError("credentials", "must be absent: the source's auth type is NONE"));
            }
          } else {
            collect(errors, () -> RestSourceConfigReader.credentials(read, credentials));
          }
        }
      }
      case SQL -> {
        SqlSourceConfigReader.validate(config).forEach(e -> errors.add(prefixed(e)));
        collect(errors, () -> SqlSourceConfigReader.credentials(credentials));
      }
    }
    return errors;
  }

  private static boolean given(JsonNode credentials) {
    return credentials != null && !credentials.isNull();
  }

  private static void collect(List<FieldError> errors, Runnable read) {
    try {
      read.run();
    } catch (InvalidSourceConfigException e) {
      errors.addAll(e.errors());
    }
  }

  private static FieldError prefixed(FieldError e) {
    String field = e.field().isEmpty() ? "source.config" : "source.config." + e.field();
    return new FieldError(field, e.message());
  }
}
