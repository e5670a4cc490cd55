package dev.trovekeeper.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trovekeeper.api.ErrorCode;
import dev.trovekeeper.api.KeeperException;
import dev.trovekeeper.api.Problem.FieldError;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Source and credentials checked together, named as the API body names them; no key, no store. */
class SourceConfigsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void fieldsAreNamedAsInTheBody() throws Exception {
    var rest =
        new DatasetSource(
            SourceKind.REST,
            JSON.readTree(
                "{\"baseUrl\": \"ftp://x\", \"auth\": {\"type\": \"BEARER\"},"
                    + " \"paging\": {\"type\": \"PAGE\"}, \"entities\": []}"));
    assertThat(SourceConfigs.check(rest, null))
        .extracting(FieldError::field)
        .contains("source.config.baseUrl", "source.config.entities");
    var sql =
        new DatasetSource(
            SourceKind.SQL,
            JSON.readTree(
                "{\"jdbcUrl\": \"jdbc:mariadb://db:3306/shop\", \"tenantColumn\": \"t\","
                    + " \"tenantValue\": \"a\", \"tables\": [\"x\"]}"));
    assertThat(SourceConfigs.check(sql, JSON.readTree("{\"username\": \"u\"}")))
        .extracting(FieldError::field)
        .containsExactly("credentials.password");
    assertThat(
            SourceConfigs.check(sql, JSON.readTree("{\"username\": \"u\", \"password\": \"p\"}")))
        .isEmpty();
  }

  @Test
  void credentialsForASourceWithoutAuthAreRefused() throws Exception {
    var open =
        new DatasetSource(
            SourceKind.REST,
            JSON.readTree(
                "{\"baseUrl\": \"https://x.example\", \"paging\": {\"type\": \"PAGE\"},"
                    + " \"auth\": {\"type\": \"NONE\"},"
                    + " \"rateLimit\": {\"requests\": 1, \"window\": \"PT1S\"},"
                    + " \"entities\": [{\"name\": \"a\", \"path\": \"/a\"}]}"));
    assertThat(SourceConfigs.check(open, null)).isEmpty();
    assertThat(SourceConfigs.check(open, JSON.readTree("{\"apiKey\": \"k\"}")))
        .extracting(FieldError::field)
        .containsExactly("credentials");
  }

  @Test
  void withoutAKeyCredentialsAreRefusedAsUnavailable() throws Exception {
    var credentials = new DatasetCredentials(new CredentialCipher(Optional.empty(), List.of()));
    assertThatThrownBy(() -> credentials.seal(JSON.readTree("{\"apiKey\": \"k\"}"), 1))
        .isInstanceOfSatisfying(
            KeeperException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CREDENTIALS_KEY_MISSING));
    assertThat(credentials.seal(null, 1)).isNull();
  }
}
